package dev.floe.arrow.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.floe.api.JsonOptions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Values;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.flink.core.fs.Path;

/**
 * Newline-delimited JSON (one object per line; a file holding one top-level array of objects is
 * read too): schema inference from the first records and reading straight into Arrow vectors with
 * Jackson's streaming parser.
 *
 * <p>Inference, per top-level key in order of first appearance: {@code true/false} → bool,
 * integers → int64, any fraction or exponent → float64 (int64 widens to float64), strings that are
 * all ISO dates → date, ISO timestamps (date, {@code T} or space, time) → timestamp[us] without a
 * zone, or in UTC when every one ends in {@code Z} or an offset (converted to UTC), anything else or a mix of kinds → string. Nested objects and arrays become a string column
 * holding their JSON text. Keys never seen with a value are strings. Hints override inference, and
 * a hinted key no sampled record has is added as a column. Keys first seen after the sample are
 * ignored; a key repeated inside one object keeps its first value; a missing key is null.
 *
 * <pre>{@code Schema s = JsonFormat.inferSchema(new FileEntry("events.json", size), JsonOptions.defaults());}</pre>
 */
public final class JsonFormat {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonFormat() {
    }

    /** Infers the schema from the first {@code options.inferRows()} records of the first file. */
    public static Schema inferSchema(FileEntry file, JsonOptions options) {
        Map<String, Inferred> kinds = new LinkedHashMap<>();
        Utf8 text = new Utf8();
        TextValues tv = new TextValues();
        int records = 0;
        try (InputStream in = CsvFormat.open(file.path()); JsonParser p = FACTORY.createParser(in)) {
            Records objects = new Records(p, file.path());
            while (records < options.inferRows() && objects.nextObject()) {
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    Inferred seen = kinds.get(name);
                    if (!kinds.containsKey(name)) {
                        kinds.put(name, null);
                    }
                    if (v != JsonToken.VALUE_NULL) {
                        kinds.put(name, widen(seen, v, p, text, tv));
                    }
                    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    }
                }
                records++;
            }
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file.path() + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.path() + ": " + e.getMessage(), e);
        }
        if (records == 0 && options.schemaHints().isEmpty()) {
            throw new IllegalArgumentException("JSON file " + file.path() + " has no records to infer a schema from;"
                    + " give schema hints for its columns");
        }
        List<Field> fields = new ArrayList<>();
        kinds.forEach((name, kind) -> {
            DataType hint = options.schemaHints().get(name);
            fields.add(new Field(name, hint != null ? hint : toType(kind)));
        });
        options.schemaHints().forEach((name, type) -> {
            if (!kinds.containsKey(name)) {
                fields.add(new Field(name, type));
            }
        });
        return new Schema(fields);
    }

    /** What inference has concluded about a key so far. */
    private enum Inferred {
        BOOL, INT64, FLOAT64, DATE, TIMESTAMP, TIMESTAMP_UTC, STRING
    }

    /** The narrowest kind that holds what was seen so far and the value at the parser. */
    private static Inferred widen(Inferred current, JsonToken v, JsonParser p, Utf8 text, TextValues tv)
            throws IOException {
        if (current == Inferred.STRING) {
            return Inferred.STRING;
        }
        switch (v) {
            case VALUE_TRUE, VALUE_FALSE -> {
                return current == null || current == Inferred.BOOL ? Inferred.BOOL : Inferred.STRING;
            }
            case VALUE_NUMBER_INT -> {
                boolean fitsLong = p.getNumberType() == JsonParser.NumberType.INT
                        || p.getNumberType() == JsonParser.NumberType.LONG;
                if (current == null || current == Inferred.INT64) {
                    return fitsLong ? Inferred.INT64 : Inferred.FLOAT64;
                }
                return current == Inferred.FLOAT64 ? Inferred.FLOAT64 : Inferred.STRING;
            }
            case VALUE_NUMBER_FLOAT -> {
                return current == null || current == Inferred.INT64 || current == Inferred.FLOAT64 ? Inferred.FLOAT64
                        : Inferred.STRING;
            }
            case VALUE_STRING -> {
                text.set(p);
                Inferred value = text.length == 10 && tv.parseDate(text.bytes, 0, text.length) ? Inferred.DATE
                        : tv.parseTimestamp(text.bytes, 0, text.length) ? Inferred.TIMESTAMP
                        : parseZonedTimestamp(text, tv) ? Inferred.TIMESTAMP_UTC : Inferred.STRING;
                if (current == null || current == value || value == Inferred.STRING) {
                    return value;
                }
                // a date widens to either kind of timestamp; naive and zoned timestamps do not mix
                if (current == Inferred.DATE && value != Inferred.DATE) {
                    return value;
                }
                return value == Inferred.DATE && (current == Inferred.TIMESTAMP || current == Inferred.TIMESTAMP_UTC)
                        ? current : Inferred.STRING;
            }
            default -> {
                return Inferred.STRING;
            }
        }
    }

    /**
     * An ISO timestamp ending in {@code Z} or an offset ({@code +01:00}, {@code -0530}, {@code +01}):
     * leaves microseconds since the epoch in UTC in {@code tv.longValue}.
     */
    private static boolean parseZonedTimestamp(Utf8 text, TextValues tv) {
        byte[] b = text.bytes;
        int n = text.length;
        if (n < 17) {
            return false;
        }
        int end;
        long offsetSeconds = 0;
        if (b[n - 1] == 'Z' || b[n - 1] == 'z') {
            end = n - 1;
        } else {
            int sign = -1;
            for (int i = n - 1; i >= Math.max(16, n - 6); i--) {
                if (b[i] == '+' || b[i] == '-') {
                    sign = i;
                    break;
                }
            }
            if (sign < 0) {
                return false;
            }
            int hh = twoDigits(b, sign + 1, n);
            int rest = sign + 3;
            if (rest < n && b[rest] == ':') {
                rest++;
            }
            int mm = rest == n ? 0 : twoDigits(b, rest, n);
            if (hh < 0 || mm < 0 || hh > 18 || mm > 59 || (rest != n && rest + 2 != n)) {
                return false;
            }
            offsetSeconds = (b[sign] == '-' ? -1 : 1) * (hh * 3600L + mm * 60L);
            end = sign;
        }
        if (!tv.parseTimestamp(b, 0, end)) {
            return false;
        }
        tv.longValue -= offsetSeconds * 1_000_000L;
        return true;
    }

    private static int twoDigits(byte[] b, int at, int n) {
        if (at + 2 > n) {
            return -1;
        }
        int d1 = b[at] - '0';
        int d2 = b[at + 1] - '0';
        return d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 ? -1 : d1 * 10 + d2;
    }

    private static DataType toType(Inferred k) {
        if (k == null) {
            return DataType.string();
        }
        return switch (k) {
            case BOOL -> DataType.bool();
            case INT64 -> DataType.int64();
            case FLOAT64 -> DataType.float64();
            case DATE -> DataType.date();
            case TIMESTAMP -> DataType.timestamp(TimeUnit.MICROSECOND, null);
            case TIMESTAMP_UTC -> DataType.timestamp(TimeUnit.MICROSECOND, "UTC");
            case STRING -> DataType.string();
        };
    }

    /** Reads a whole file as batches of the read columns (in that order). */
    public static BatchReader read(String path, Schema schema, List<String> readColumns, int batchRows,
            BufferAllocator allocator) {
        InputStream in;
        JsonParser parser;
        try {
            in = CsvFormat.open(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + path + ": " + e.getMessage(), e);
        }
        try {
            parser = FACTORY.createParser(in);
        } catch (IOException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
        return new Reader(path, parser, schema.select(readColumns), batchRows, allocator);
    }

    /** Steps through the top-level objects of a file: one per line, or the elements of one array. */
    private static final class Records {
        private final JsonParser p;
        private final String path;
        private boolean started;
        private boolean inArray;
        private boolean done;

        Records(JsonParser p, String path) {
            this.p = p;
            this.path = path;
        }

        /** Moves to the next record's START_OBJECT; false at the end of the file. */
        boolean nextObject() throws IOException {
            if (done) {
                return false;
            }
            JsonToken t = p.nextToken();
            if (!started) {
                started = true;
                if (t == JsonToken.START_ARRAY) {
                    inArray = true;
                    t = p.nextToken();
                }
            }
            if (t == null || (inArray && t == JsonToken.END_ARRAY)) {
                done = true;
                return false;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(path + ":" + p.currentTokenLocation().getLineNr()
                        + ": expected a JSON object per line but found " + describe(t));
            }
            return true;
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    /** A reused UTF-8 buffer for the text of the current token (no String per value). */
    private static final class Utf8 {
        byte[] bytes = new byte[256];
        int length;
        private final ByteArrayOutputStream nested = new ByteArrayOutputStream();

        void set(JsonParser p) throws IOException {
            char[] chars = p.getTextCharacters();
            int off = p.getTextOffset();
            int n = p.getTextLength();
            encode(chars, off, n);
        }

        /** The JSON text of the object or array at the parser (which then sits on its end token). */
        void setStructure(JsonParser p) throws IOException {
            nested.reset();
            try (JsonGenerator g = FACTORY.createGenerator(nested)) {
                g.copyCurrentStructure(p);
            }
            byte[] json = nested.toByteArray();
            bytes = json.length > bytes.length ? new byte[json.length * 2] : bytes;
            length = json.length;
            System.arraycopy(json, 0, bytes, 0, length);
        }

        private void encode(char[] c, int off, int n) {
            if (bytes.length < n * 3) {
                bytes = new byte[n * 3];
            }
            int o = 0;
            int end = off + n;
            for (int i = off; i < end; i++) {
                char ch = c[i];
                if (ch < 0x80) {
                    bytes[o++] = (byte) ch;
                } else if (ch < 0x800) {
                    bytes[o++] = (byte) (0xC0 | (ch >> 6));
                    bytes[o++] = (byte) (0x80 | (ch & 0x3F));
                } else if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(c[i + 1])) {
                    int cp = Character.toCodePoint(ch, c[++i]);
                    bytes[o++] = (byte) (0xF0 | (cp >> 18));
                    bytes[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    bytes[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    bytes[o++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    if (Character.isSurrogate(ch)) {
                        ch = '\uFFFD';
                    }
                    bytes[o++] = (byte) (0xE0 | (ch >> 12));
                    bytes[o++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                    bytes[o++] = (byte) (0x80 | (ch & 0x3F));
                }
            }
            length = o;
        }
    }

    private static final class Reader implements BatchReader {
        private final String path;
        private final JsonParser parser;
        private final Records records;
        private final Schema readSchema;
        private final DataType[] types;
        private final Map<String, Integer> columns = new HashMap<>();
        private final int batchRows;
        private final BufferAllocator allocator;
        private final TextValues tv = new TextValues();
        private final Utf8 text = new Utf8();
        private final int[] setInRow;
        private long record;
        private boolean done;
        private RecordBatch next;

        Reader(String path, JsonParser parser, Schema readSchema, int batchRows, BufferAllocator allocator) {
            this.path = path;
            this.parser = parser;
            this.records = new Records(parser, path);
            this.readSchema = readSchema;
            this.types = readSchema.types().toArray(new DataType[0]);
            for (int c = 0; c < readSchema.size(); c++) {
                columns.put(readSchema.field(c).name(), c);
            }
            this.batchRows = batchRows;
            this.allocator = allocator;
            this.setInRow = new int[readSchema.size()];
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = readBatch();
            }
            return next != null;
        }

        @Override
        public RecordBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            RecordBatch b = next;
            next = null;
            return b;
        }

        private RecordBatch readBatch() {
            List<FieldVector> vectors = new ArrayList<>(readSchema.size());
            int rows = 0;
            try {
                for (Field f : readSchema.fields()) {
                    FieldVector v = f.toArrow().createVector(allocator);
                    v.setInitialCapacity(batchRows);
                    v.allocateNew();
                    vectors.add(v);
                }
                // setInRow[c] == row + 1 once column c has its value in this row
                Arrays.fill(setInRow, 0);
                while (rows < batchRows) {
                    if (!records.nextObject()) {
                        done = true;
                        break;
                    }
                    record++;
                    JsonToken t;
                    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                        Integer c = columns.get(parser.currentName());
                        JsonToken v = parser.nextToken();
                        if (c == null || setInRow[c] == rows + 1) {
                            parser.skipChildren();
                            continue;
                        }
                        setInRow[c] = rows + 1;
                        if (v != JsonToken.VALUE_NULL) {
                            set(vectors.get(c), c, rows, v);
                        }
                    }
                    if (t != JsonToken.END_OBJECT) {
                        throw new IllegalArgumentException(path + ":" + parser.currentTokenLocation().getLineNr()
                                + ": unexpected " + describe(t));
                    }
                    rows++;
                }
                if (rows == 0) {
                    vectors.forEach(FieldVector::close);
                    return null;
                }
                for (FieldVector v : vectors) {
                    v.setValueCount(rows);
                }
                return RecordBatch.of(readSchema, vectors, rows);
            } catch (JsonParseException e) {
                vectors.forEach(FieldVector::close);
                throw new IllegalArgumentException(path + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                        + e.getOriginalMessage(), e);
            } catch (IOException e) {
                vectors.forEach(FieldVector::close);
                throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                vectors.forEach(FieldVector::close);
                throw e;
            }
        }

        private void set(FieldVector v, int c, int row, JsonToken token) throws IOException {
            DataType type = types[c];
            boolean ok;
            switch (type.kind()) {
                case INT64 -> {
                    ok = token == JsonToken.VALUE_NUMBER_INT;
                    if (ok) {
                        try {
                            ((BigIntVector) v).set(row, parser.getLongValue());
                        } catch (InputCoercionException e) {
                            ok = false;
                        }
                    }
                }
                case FLOAT64 -> {
                    ok = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
                    if (ok) {
                        ((Float8Vector) v).set(row, parser.getDoubleValue());
                    }
                }
                case BOOL -> {
                    ok = token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
                    if (ok) {
                        ((BitVector) v).set(row, token == JsonToken.VALUE_TRUE ? 1 : 0);
                    }
                }
                case STRING -> {
                    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                        text.setStructure(parser);
                    } else {
                        text.set(parser);
                    }
                    ((VarCharVector) v).setSafe(row, text.bytes, 0, text.length);
                    ok = true;
                }
                case DATE -> {
                    ok = token == JsonToken.VALUE_STRING;
                    if (ok) {
                        text.set(parser);
                        ok = text.length == 10 && tv.parseDate(text.bytes, 0, text.length);
                        if (ok) {
                            ((DateDayVector) v).set(row, (int) tv.longValue);
                        }
                    }
                }
                case TIMESTAMP -> {
                    ok = token == JsonToken.VALUE_STRING;
                    if (ok) {
                        text.set(parser);
                        ok = tv.parseTimestamp(text.bytes, 0, text.length) || parseZonedTimestamp(text, tv);
                        if (!ok && text.length == 10 && tv.parseDate(text.bytes, 0, text.length)) {
                            tv.longValue *= 86_400_000_000L;
                            ok = true;
                        }
                        if (ok) {
                            long micros = tv.longValue;
                            long value = switch (((DataType.Timestamp) type).unit()) {
                                case SECOND -> Math.floorDiv(micros, 1_000_000L);
                                case MILLISECOND -> Math.floorDiv(micros, 1_000L);
                                case MICROSECOND -> micros;
                                case NANOSECOND -> micros * 1_000L;
                            };
                            ((TimeStampVector) v).set(row, value);
                        }
                    }
                }
                default -> {
                    // hinted types without a fast path (int32, decimal, ...) convert from the value's text
                    ok = token.isScalarValue() && token != JsonToken.VALUE_EMBEDDED_OBJECT;
                    if (ok) {
                        try {
                            Values.set(v, type, row, dev.floe.arrow.kernels.Casts.convert(parser.getText(),
                                    DataType.string(), type));
                        } catch (RuntimeException e) {
                            ok = false;
                        }
                    }
                }
            }
            if (!ok) {
                String shown = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY ? describe(token)
                        : "'" + parser.getText() + "'";
                parser.skipChildren();
                throw new IllegalArgumentException(path + ":" + parser.currentTokenLocation().getLineNr() + ": key '"
                        + readSchema.field(c).name() + "': cannot read " + shown + " as " + type
                        + " (record " + record + "); give a schema hint such as string for this key");
            }
        }

        @Override
        public void close() throws IOException {
            if (next != null) {
                next.close();
                next = null;
            }
            parser.close();
        }
    }
}
