package dev.floe.formats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Values;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Reads JSON records (the lines of a byte range, or a whole file) straight into Arrow vectors of the
 * read columns. FAILFAST streams the bytes through one Jackson parser. PERMISSIVE parses each line
 * on its own so that a line that is not valid JSON becomes a row of nulls and the next line is read
 * normally; a value of the wrong type is null in either case of PERMISSIVE. Arrays are appended to
 * a list's data vector and objects' fields written into a struct's child vectors as the parser
 * meets them, to any depth; a value that does not fit is named by its path ({@code a.b[2]}).
 *
 * <pre>{@code BatchReader r = JsonFormat.read(path, 0, Long.MAX_VALUE, schema, names, options, 65_536, allocator, null);}</pre>
 */
final class JsonRecordReader extends TextBatchReader {
    private final InputStream in;
    private final long firstOffset;
    private final JsonLines lines;
    private JsonParser parser;
    private final JsonFormat.Records records;
    private final boolean permissive;
    private final Slot[] slots;
    private final Map<String, Integer> columns = new HashMap<>();
    private final ScanMetrics metrics;
    private final TextValues tv = new TextValues();
    private final JsonFormat.Utf8 text = new JsonFormat.Utf8();
    private final int[] setInRow;
    /** The current row needed PERMISSIVE's help (counted once). */
    private boolean rowMalformed;
    /** PERMISSIVE: the current line is not one valid JSON object, so its row is all nulls. */
    private boolean lineMalformed;
    private long record;
    /** Structs read so far (numbers each object, for its fields' {@link Slot#setIn}). */
    private long objects;
    /** The path of the value being read: per level a field name, or null and a list position. */
    private String[] pathNames = new String[8];
    private int[] pathIndex = new int[8];
    private int depth;
    private boolean closed;

    /**
     * @param in        the bytes to read (its first byte at file offset {@code start}'s first line)
     * @param lineByLine parse each line alone (PERMISSIVE over newline-delimited records)
     * @param permissive a value of the wrong type is null instead of an error
     */
    JsonRecordReader(String path, InputStream in, long start, boolean lineByLine, boolean permissive,
            int maxLineBytes, Schema readSchema, int batchRows, BufferAllocator allocator, ScanMetrics metrics)
            throws IOException {
        super(path, start, readSchema, batchRows, allocator);
        this.in = in;
        this.firstOffset = in instanceof LineRangeInputStream r ? r.firstLineOffset() : start;
        this.permissive = permissive;
        this.slots = new Slot[readSchema.size()];
        for (int c = 0; c < readSchema.size(); c++) {
            columns.put(readSchema.field(c).name(), c);
            slots[c] = new Slot(readSchema.field(c).name(), readSchema.field(c).type());
        }
        this.metrics = metrics;
        this.setInRow = new int[readSchema.size()];
        metrics.textSplitsRead++;
        if (lineByLine) {
            lines = new JsonLines(in, maxLineBytes);
            records = null;
        } else {
            lines = null;
            try {
                parser = JsonFormat.FACTORY.createParser(in);
            } catch (IOException e) {
                in.close();
                throw e;
            }
            records = new JsonFormat.Records(parser, path).locatedBy(this::where);
            if (start > 0) {
                records.linesOnly();
            }
        }
    }

    /** File and line, or in a range that starts mid-file the byte offset (line numbers are unknown there). */
    private String where(JsonLocation loc) {
        return where(loc.getLineNr(), loc.getByteOffset() < 0 ? firstOffset : firstOffset + loc.getByteOffset());
    }

    @Override
    protected int fill(List<FieldVector> vectors) throws IOException {
        int rows = 0;
        try {
            // setInRow[c] == row + 1 once column c has its value in this row
            Arrays.fill(setInRow, 0);
            while (rows < batchRows) {
                rowMalformed = false;
                lineMalformed = false;
                if (lines == null ? !records.nextObject() : !nextLine()) {
                    done = true;
                    break;
                }
                record++;
                if (lines == null) {
                    readFields(vectors, rows);
                } else if (!lineMalformed) {
                    try {
                        readFields(vectors, rows);
                        lineMalformed = parser.nextToken() != null;
                    } catch (JsonProcessingException | IllegalArgumentException e) {
                        lineMalformed = true;
                    }
                }
                if (lineMalformed) {
                    nullRow(vectors, rows);
                }
                if (rowMalformed || lineMalformed) {
                    metrics.malformedRows++;
                }
                rows++;
            }
            return rows;
        } catch (JsonLines.LineTooLong e) {
            throw new IllegalArgumentException(where(e.line, firstOffset + e.offset) + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(where(records == null ? e.getLocation() : records.errorLocation(e))
                    + ": not valid JSON: " + e.getOriginalMessage()
                    + "; JsonOptions mode(PERMISSIVE) reads such a line as nulls", e);
        }
    }

    /** PERMISSIVE: the next non-blank line on a fresh parser at its first token; false at the end. */
    private boolean nextLine() throws IOException {
        while (lines.next()) {
            if (lines.isBlank()) {
                continue;
            }
            if (parser != null) {
                parser.close();
            }
            parser = JsonFormat.FACTORY.createParser(lines.bytes, 0, lines.length);
            try {
                lineMalformed = parser.nextToken() != JsonToken.START_OBJECT;
            } catch (JsonProcessingException e) {
                lineMalformed = true;
            }
            return true;
        }
        return false;
    }

    /** Reads the fields of the object at the parser up to its END_OBJECT. */
    private void readFields(List<FieldVector> vectors, int row) throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            Integer c = columns.get(parser.currentName());
            JsonToken v = parser.nextToken();
            if (c == null || setInRow[c] == row + 1) {
                parser.skipChildren();
                continue;
            }
            setInRow[c] = row + 1;
            if (v != JsonToken.VALUE_NULL) {
                set(vectors.get(c), c, row, v);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalArgumentException(where(parser.currentTokenLocation()) + ": unexpected "
                    + (t == null ? "end of input" : JsonFormat.describe(t)));
        }
    }

    private void nullRow(List<FieldVector> vectors, int row) {
        for (int c = 0; c < setInRow.length; c++) {
            if (setInRow[c] == row + 1) {
                vectors.get(c).setNull(row);
            }
        }
    }

    private void set(FieldVector v, int c, int row, JsonToken token) throws IOException {
        depth = 0;
        pathNames[0] = slots[c].name;
        value(v, slots[c], row, token);
    }

    /**
     * How one column or nested field is read, built once per reader: its type and, for a list its
     * element's plan, for a struct its fields' plans by name (no lookup by type at each value).
     */
    private static final class Slot {
        final String name;
        final DataType type;
        final Slot element;
        final Map<String, Integer> ordinals;
        final Slot[] fields;
        /** A struct's fields: the number of the object each was last set in (a repeated key keeps its first value). */
        final long[] setIn;

        Slot(String name, DataType type) {
            this.name = name;
            this.type = type;
            if (type instanceof DataType.ListOf list) {
                element = new Slot(null, list.element());
                ordinals = null;
                fields = null;
                setIn = null;
            } else if (type instanceof DataType.Struct struct) {
                element = null;
                List<Field> fs = struct.fields();
                ordinals = new HashMap<>();
                fields = new Slot[fs.size()];
                for (int f = 0; f < fs.size(); f++) {
                    ordinals.putIfAbsent(fs.get(f).name(), f);
                    fields[f] = new Slot(fs.get(f).name(), fs.get(f).type());
                }
                setIn = new long[fs.size()];
            } else {
                element = null;
                ordinals = null;
                fields = null;
                setIn = null;
            }
        }
    }

    /** The path of the value being read, as {@code a.b[2]}: the top-level key, field names and list positions. */
    private String path() {
        StringBuilder b = new StringBuilder(pathNames[0]);
        for (int d = 1; d <= depth; d++) {
            if (pathNames[d] != null) {
                b.append('.').append(pathNames[d]);
            } else {
                b.append('[').append(pathIndex[d]).append(']');
            }
        }
        return b.toString();
    }

    /** Makes room for one more level of nesting on the path. */
    private void descend() {
        if (++depth == pathNames.length) {
            pathNames = Arrays.copyOf(pathNames, depth * 2);
            pathIndex = Arrays.copyOf(pathIndex, depth * 2);
        }
    }

    /**
     * A value that does not fit its type, at the parser: FAILFAST fails naming the file, line, the
     * value's path and what to do; PERMISSIVE skips it, leaving slot {@code i} null.
     */
    private void misfit(FieldVector v, Slot slot, int i, JsonToken token) throws IOException {
        if (!permissive) {
            String shown = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                    ? JsonFormat.describe(token) : "'" + parser.getText() + "'";
            throw new IllegalArgumentException(where(parser.currentTokenLocation()) + ": key '" + path()
                    + "': cannot read " + shown + " as " + slot.type + " (record " + record
                    + "); give a schema hint for key '" + pathNames[0] + "' (string reads any value as its JSON"
                    + " text), or JsonOptions mode(PERMISSIVE) to read such a value as null");
        }
        parser.skipChildren();
        v.setNull(i);
        rowMalformed = true;
    }

    /**
     * Writes the value at the parser (its first token {@code token}, not null) into slot {@code i}
     * of {@code v}, consuming it whole. Lists append to their data vector and structs write their
     * fields at the struct's own slot, so nested values go straight into the child vectors; null
     * elements and fields an object lacks are set null explicitly (a PERMISSIVE row read in part
     * reuses its slots in the data vectors).
     */
    private void value(FieldVector v, Slot slot, int i, JsonToken token) throws IOException {
        DataType type = slot.type;
        boolean ok;
        switch (type.kind()) {
            case LIST -> {
                if (token != JsonToken.START_ARRAY) {
                    misfit(v, slot, i, token);
                    return;
                }
                ListVector list = (ListVector) v;
                FieldVector data = list.getDataVector();
                int start = list.startNewValue(i);
                int k = 0;
                descend();
                pathNames[depth] = null;
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    pathIndex[depth] = k;
                    if (t == JsonToken.VALUE_NULL) {
                        data.setNull(start + k);
                    } else {
                        value(data, slot.element, start + k, t);
                    }
                    k++;
                }
                depth--;
                list.endValue(i, k);
                return;
            }
            case STRUCT -> {
                if (token != JsonToken.START_OBJECT) {
                    misfit(v, slot, i, token);
                    return;
                }
                StructVector struct = (StructVector) v;
                long object = ++objects;
                descend();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    Integer f = slot.ordinals.get(parser.currentName());
                    JsonToken t = parser.nextToken();
                    if (f == null || slot.setIn[f] == object) {
                        parser.skipChildren();
                        continue;
                    }
                    slot.setIn[f] = object;
                    FieldVector child = (FieldVector) struct.getChildByOrdinal(f);
                    if (t == JsonToken.VALUE_NULL) {
                        child.setNull(i);
                    } else {
                        pathNames[depth] = slot.fields[f].name;
                        value(child, slot.fields[f], i, t);
                    }
                }
                depth--;
                for (int f = 0; f < slot.fields.length; f++) {
                    if (slot.setIn[f] != object) {
                        ((FieldVector) struct.getChildByOrdinal(f)).setNull(i);
                    }
                }
                struct.setIndexDefined(i);
                return;
            }
            case INT64 -> {
                ok = token == JsonToken.VALUE_NUMBER_INT;
                if (ok) {
                    try {
                        ((BigIntVector) v).setSafe(i, parser.getLongValue());
                    } catch (InputCoercionException e) {
                        ok = false;
                    }
                }
            }
            case FLOAT64 -> {
                ok = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
                if (ok) {
                    ((Float8Vector) v).setSafe(i, parser.getDoubleValue());
                }
            }
            case BOOL -> {
                ok = token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
                if (ok) {
                    ((BitVector) v).setSafe(i, token == JsonToken.VALUE_TRUE ? 1 : 0);
                }
            }
            case STRING -> {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    text.setStructure(parser);
                } else {
                    text.set(parser);
                }
                ((VarCharVector) v).setSafe(i, text.bytes, 0, text.length);
                ok = true;
            }
            case DATE -> {
                ok = token == JsonToken.VALUE_STRING;
                if (ok) {
                    text.set(parser);
                    ok = text.length == 10 && tv.parseDate(text.bytes, 0, text.length);
                    if (ok) {
                        ((DateDayVector) v).setSafe(i, (int) tv.longValue);
                    }
                }
            }
            case TIMESTAMP -> {
                ok = token == JsonToken.VALUE_STRING;
                if (ok) {
                    text.set(parser);
                    ok = tv.parseTimestamp(text.bytes, 0, text.length) || JsonFormat.parseZonedTimestamp(text, tv);
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
                        ((TimeStampVector) v).setSafe(i, value);
                    }
                }
            }
            default -> {
                // hinted types without a fast path (int32, decimal, ...) convert from the value's text
                ok = token.isScalarValue() && token != JsonToken.VALUE_EMBEDDED_OBJECT;
                if (ok) {
                    try {
                        Values.set(v, type, i, dev.floe.arrow.kernels.Casts.convert(parser.getText(),
                                DataType.string(), type));
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                }
            }
        }
        if (!ok) {
            misfit(v, slot, i, token);
        }
    }

    @Override
    public void close() throws IOException {
        releasePending();
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (parser != null) {
                parser.close();
            }
        } finally {
            in.close();
            if (in instanceof LineRangeInputStream range) {
                metrics.bytesRead += range.bytesFromStorage();
            }
        }
    }
}
