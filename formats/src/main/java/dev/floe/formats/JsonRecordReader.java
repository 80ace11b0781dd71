package dev.floe.formats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.floe.api.types.DataType;
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

/**
 * Reads JSON records (the lines of a byte range, or a whole file) straight into Arrow vectors of the
 * read columns. FAILFAST streams the bytes through one Jackson parser. PERMISSIVE parses each line
 * on its own so that a line that is not valid JSON becomes a row of nulls and the next line is read
 * normally; a value of the wrong type is null in either case of PERMISSIVE.
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
    private final DataType[] types;
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
        this.types = readSchema.types().toArray(new DataType[0]);
        for (int c = 0; c < readSchema.size(); c++) {
            columns.put(readSchema.field(c).name(), c);
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
            String shown = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                    ? JsonFormat.describe(token) : "'" + parser.getText() + "'";
            parser.skipChildren();
            if (permissive) {
                rowMalformed = true;
                return;
            }
            throw new IllegalArgumentException(where(parser.currentTokenLocation()) + ": key '"
                    + readSchema.field(c).name() + "': cannot read " + shown + " as " + type
                    + " (record " + record + "); give a schema hint such as string for this key,"
                    + " or JsonOptions mode(PERMISSIVE) to read it as null");
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
