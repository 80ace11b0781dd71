package dev.floe.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.api.JsonOptions;
import dev.floe.api.ParseMode;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Newline-delimited JSON (one object per line; a file holding one top-level array of objects is
 * read too): schema inference from the first records and reading straight into Arrow vectors with
 * Jackson's streaming parser.
 *
 * <p>Inference, per top-level key in order of first appearance: {@code true/false} → bool,
 * integers → int64, any fraction or exponent → float64 (int64 widens to float64), strings that are
 * all ISO dates → date, ISO timestamps (date, {@code T} or space, time) → timestamp[us] without a
 * zone, or in UTC when every one ends in {@code Z} or an offset (converted to UTC), anything else
 * or a mix of scalar kinds (a number and a string, a boolean and a number) → string, which holds
 * each number and boolean as written ({@code 1.50}, {@code true}) and each string's text. Objects become structs whose fields are the
 * union of the keys seen, in order of first appearance, each widened by the same rules; arrays
 * become lists of their non-null elements' widened type; to any depth (as Daft and DuckDB's
 * {@code read_json} infer them; a field missing from an object is null). A value seen both as an
 * object, an array or a scalar is a string: objects and arrays as their JSON text, scalars as
 * above (Spark's rule; DuckDB keeps such a key as its {@code JSON} type, where a string stays
 * quoted). Defaults where nothing says more: a key only ever null, and an
 * object only ever empty, is a string; an array only ever empty or holding only nulls is a list of
 * strings. A nested object whose keys number more than 200 over the sample (keys that are data,
 * such as ids or dates, where DuckDB infers a map) is a string of JSON text too, so that a struct
 * never grows a child vector per key. {@link JsonOptions#maximumDepth()} stops nesting at a depth (1 reads every top-level
 * object and array as a string of its JSON text, Floe's behaviour before structs and lists).
 * Hints override inference for their top-level key (a {@code string} hint reads an object or
 * array as its JSON text), and a hinted key no sampled record has is added as a column. Keys first
 * seen after the sample are ignored; a key repeated inside one object keeps its first value; a
 * missing key is null.
 *
 * <p>Byte ranges: a file larger than the scan's split size is read by several tasks, each owning the
 * lines that start in its range (see {@link LineRangeInputStream}), so such a file must hold one
 * object per line; an object spread over lines fails the read (the range that owns its first line
 * meets its end early), never gives wrong rows unnoticed. A file whose first token is {@code [} is
 * read whole by the range at offset 0. With {@link ParseMode#PERMISSIVE} each line is parsed on its
 * own: a line that is not one valid JSON object becomes a row of nulls, a value of the wrong type a
 * null, and inference skips broken lines.
 *
 * <pre>{@code Schema s = JsonFormat.inferSchema(new FileEntry("events.json", size), JsonOptions.defaults());}</pre>
 */
public final class JsonFormat {
    static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonFormat() {
    }

    /** Infers the schema from the first {@code options.inferRows()} records of the first file. */
    public static Schema inferSchema(FileEntry file, JsonOptions options) {
        Map<String, Shape> kinds = new LinkedHashMap<>();
        Inference inference = new Inference(new Utf8(), new TextValues(), options.maximumDepth());
        int records = 0;
        try {
            if (options.mode() == ParseMode.PERMISSIVE && !startsWithArray(file.path())) {
                try {
                    records = inferLineByLine(file.path(), options, kinds, inference);
                } catch (JsonLines.LineTooLong e) {
                    throw new IllegalArgumentException(file.path() + ":" + e.line + ": " + e.getMessage(), e);
                }
            } else {
                try (InputStream in = CsvFormat.open(file.path()); JsonParser p = FACTORY.createParser(in)) {
                    Records objects = new Records(p, file.path());
                    try {
                        while (records < options.inferRows() && objects.nextObject()) {
                            inferObject(p, kinds, inference, 1);
                            records++;
                        }
                    } catch (JsonParseException e) {
                        throw new IllegalArgumentException(file.path() + ":" + objects.errorLocation(e).getLineNr()
                                + ": not valid JSON: " + e.getOriginalMessage()
                                + "; JsonOptions mode(PERMISSIVE) reads such a line as nulls", e);
                    }
                }
            }
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file.path() + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage() + "; JsonOptions mode(PERMISSIVE) reads such a line as nulls", e);
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
            fields.add(new Field(name, hint != null ? hint : Shape.type(kind)));
        });
        options.schemaHints().forEach((name, type) -> {
            if (!kinds.containsKey(name)) {
                fields.add(new Field(name, type));
            }
        });
        return new Schema(fields);
    }

    /**
     * Widens the shapes of the keys of the object at the parser (which ends on its END_OBJECT);
     * {@code depth} is the object's own depth (a record is at depth 1).
     */
    private static void inferObject(JsonParser p, Map<String, Shape> kinds, Inference in, int depth)
            throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            Shape seen = kinds.get(name);
            if (seen == null && !kinds.containsKey(name)) {
                kinds.put(name, null);
            }
            if (v != JsonToken.VALUE_NULL) {
                kinds.put(name, Shape.widen(seen, v, p, in, depth + 1));
            } else {
                p.skipChildren();
            }
        }
    }

    /** What inference reuses from value to value: the text buffer, the date parser, the depth limit. */
    private record Inference(Utf8 text, TextValues tv, int maximumDepth) {
        /** Whether an object or array at {@code depth} is still inferred as a struct or list. */
        boolean nests(int depth) {
            return maximumDepth < 0 || depth <= maximumDepth;
        }
    }

    /**
     * What inference has concluded about a value so far: a scalar kind, an object (its keys' shapes
     * in order of first appearance, the union over every object seen), an array (the widened shape
     * of its non-null elements), or {@link #TEXT} where objects, arrays and scalars mix (or nesting
     * is deeper than {@link JsonOptions#maximumDepth()}): a string holding the value's JSON text.
     */
    private static final class Shape {
        static final Shape TEXT = new Shape(null, null, false);
        /**
         * More distinct keys than this in one nested object's union and it is JSON text: DuckDB's
         * {@code map_inference_threshold} (200) makes such an object a map.
         */
        static final int WIDEST_STRUCT = 200;
        final Inferred scalar;
        final Map<String, Shape> fields;
        final boolean array;
        Shape element;

        private Shape(Inferred scalar, Map<String, Shape> fields, boolean array) {
            this.scalar = scalar;
            this.fields = fields;
            this.array = array;
        }

        /** The shape holding {@code current} and the non-null value at the parser, which it consumes. */
        static Shape widen(Shape current, JsonToken v, JsonParser p, Inference in, int depth) throws IOException {
            boolean object = v == JsonToken.START_OBJECT;
            if (object || v == JsonToken.START_ARRAY) {
                boolean fits = in.nests(depth) && (current == null || (object ? current.fields != null : current.array));
                if (!fits) {
                    p.skipChildren();
                    return TEXT;
                }
                Shape s = current != null ? current : new Shape(null, object ? new LinkedHashMap<>() : null, !object);
                if (object) {
                    inferObject(p, s.fields, in, depth);
                    if (s.fields.size() > WIDEST_STRUCT) {
                        return TEXT; // keys that are data (ids, dates): a struct would grow a child per key
                    }
                } else {
                    JsonToken t;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.VALUE_NULL) {
                            s.element = widen(s.element, t, p, in, depth + 1);
                        }
                    }
                }
                return s;
            }
            if (current != null && current.scalar == null) {
                return TEXT; // a scalar where objects or arrays were seen, or JSON text already
            }
            Inferred widened = JsonFormat.widen(current == null ? null : current.scalar, v, p, in.text(), in.tv());
            return current != null && current.scalar == widened ? current : new Shape(widened, null, false);
        }

        /**
         * The type of a shape: never seen with a value (only nulls), JSON text, and objects only
         * ever seen empty are strings; an array whose elements were all null or that was always
         * empty is a list of strings.
         */
        static DataType type(Shape s) {
            if (s == null || s == TEXT) {
                return DataType.string();
            }
            if (s.scalar != null) {
                return toType(s.scalar);
            }
            if (s.array) {
                return DataType.list(type(s.element));
            }
            if (s.fields.isEmpty()) {
                return DataType.string();
            }
            List<Field> out = new ArrayList<>(s.fields.size());
            s.fields.forEach((name, f) -> out.add(new Field(name, type(f))));
            return DataType.struct(out.toArray(new Field[0]));
        }
    }

    /** PERMISSIVE inference: each line parsed alone, lines that are not valid JSON objects skipped. */
    private static int inferLineByLine(String path, JsonOptions options, Map<String, Shape> kinds,
            Inference inference) throws IOException {
        int records = 0;
        try (InputStream in = CsvFormat.open(path)) {
            JsonLines lines = new JsonLines(in, options.maxLineBytes());
            while (records < options.inferRows() && lines.next()) {
                if (lines.isBlank()) {
                    continue;
                }
                try (JsonParser p = FACTORY.createParser(lines.bytes, 0, lines.length)) {
                    if (p.nextToken() == JsonToken.START_OBJECT) {
                        inferObject(p, kinds, inference, 1);
                        records++;
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
                    // read as a row of nulls later; its valid prefix has widened the kinds already
                }
            }
        }
        return records;
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
    static boolean parseZonedTimestamp(Utf8 text, TextValues tv) {
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
        return read(path, 0, Long.MAX_VALUE, schema, readColumns, JsonOptions.defaults(), batchRows, allocator, null);
    }

    /**
     * Reads the records of the lines that start in {@code [start, start + length)} of a file (the rule
     * of {@link LineRangeInputStream}; {@code length} may be {@code Long.MAX_VALUE}) as batches of the
     * read columns. A file holding one top-level array cannot be cut at lines: the range at offset 0
     * reads all of it and the others read nothing. Errors name the file and line, or in a range that
     * starts mid-file the byte offset (line numbers are unknown there).
     *
     * @param metrics counts splits, bytes and malformed rows (null = not counted)
     */
    public static BatchReader read(String path, long start, long length, Schema schema, List<String> readColumns,
            JsonOptions options, int batchRows, BufferAllocator allocator, ScanMetrics metrics) {
        long end = length > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + length;
        boolean permissive = options.mode() == ParseMode.PERMISSIVE;
        InputStream in = null;
        try {
            boolean array;
            if (start == 0) {
                // the range at 0 peeks at its own first bytes: an array file is read whole by it
                BufferedInputStream raw = new BufferedInputStream(CsvFormat.open(path), 1 << 16);
                in = raw;
                array = startsWithArray(raw);
                in = LineRangeInputStream.over(raw, 0, array ? Long.MAX_VALUE : end);
            } else {
                try (InputStream head = new BufferedInputStream(CsvFormat.open(path), 4096)) {
                    array = startsWithArray(head);
                }
                in = array ? InputStream.nullInputStream() : LineRangeInputStream.open(path, start, end);
            }
            return new JsonRecordReader(path, in, start, permissive && !array, permissive, options.maxLineBytes(),
                    schema.select(readColumns),
                    batchRows, allocator, metrics == null ? new ScanMetrics() : metrics);
        } catch (IOException e) {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the first byte other than white space (and a UTF-8 byte order mark) is '['; the
     * stream is left where it was (it must support mark).
     */
    private static boolean startsWithArray(InputStream in) throws IOException {
        in.mark(4096);
        try {
            for (int i = 0; i < 4096; i++) {
                int c = in.read();
                if (c < 0) {
                    return false;
                }
                if (i < 3 && (c == 0xEF || c == 0xBB || c == 0xBF)) {
                    continue;
                }
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return c == '[';
                }
            }
            return false;
        } finally {
            in.reset();
        }
    }

    private static boolean startsWithArray(String path) throws IOException {
        try (InputStream in = new BufferedInputStream(CsvFormat.open(path), 4096)) {
            return startsWithArray(in);
        }
    }

    /** Steps through the top-level objects of a file: one per line, or the elements of one array. */
    static final class Records {
        private final JsonParser p;
        private Function<JsonLocation, String> where;
        private boolean started;
        private boolean arrayAllowed = true;
        private boolean inArray;
        private boolean done;
        private JsonLocation recordStart;

        Records(JsonParser p, String path) {
            this.p = p;
            this.where = loc -> path + ":" + loc.getLineNr();
        }

        /** How errors name the place of a token (byte offsets in a range that starts mid-file). */
        Records locatedBy(Function<JsonLocation, String> where) {
            this.where = where;
            return this;
        }

        /** A range that starts mid-file holds lines only: a '[' there is a line that is not an object. */
        Records linesOnly() {
            arrayAllowed = false;
            return this;
        }

        /** Moves to the next record's START_OBJECT; false at the end of the file. */
        boolean nextObject() throws IOException {
            if (done) {
                return false;
            }
            recordStart = null;
            JsonToken t = p.nextToken();
            if (!started) {
                started = true;
                if (t == JsonToken.START_ARRAY && arrayAllowed) {
                    inArray = true;
                    t = p.nextToken();
                }
            }
            if (t == null || (inArray && t == JsonToken.END_ARRAY)) {
                done = true;
                return false;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(where.apply(p.currentTokenLocation())
                        + ": expected a JSON object per line but found " + describe(t));
            }
            recordStart = p.currentTokenLocation();
            return true;
        }

        /**
         * Where a parse error belongs: the start of the record being read (a record broken on
         * line 2 is reported on line 2, not on line 3 where the parser ran out of input), or the
         * error's own place between records.
         */
        JsonLocation errorLocation(JsonParseException e) {
            return recordStart != null ? recordStart : e.getLocation();
        }
    }

    static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    /** A reused UTF-8 buffer for the text of the current token (no String per value). */
    static final class Utf8 {
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

    /** The JSON-lines {@link FileFormatHandler}: the schema inferred from the first file, byte-range splits. */
    record Handler(JsonOptions options) implements FileFormatHandler {
        @Override
        public Schema inferSchema(List<FileEntry> files) {
            return JsonFormat.inferSchema(files.get(0), options);
        }

        @Override
        public ParquetFormat.RowGroupSelection selectRowGroups(String path, Schema schema, StatsPredicate predicate,
                Map<String, Object> constants) {
            return null;
        }

        @Override
        public List<FileRange> planSplits(String path, long size, int[] rowGroups, long splitSize) {
            return FileFormatHandler.byteRanges(path, size, splitSize);
        }

        @Override
        public BatchReader open(FileRange range, Schema fileSchema, List<String> readColumns, int batchRows,
                BufferAllocator allocator, ScanMetrics metrics) {
            return read(range.path(), range.start(), range.length(), fileSchema, readColumns, options, batchRows,
                    allocator, metrics);
        }

        @Override
        public BatchWriter createWriter(String path, Schema schema) {
            return new JsonBatchWriter(path, schema);
        }
    }
}
