package dev.floe.formats;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.RecordBatch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Writes batches as newline-delimited JSON, one object per row with every column as a key (nulls
 * as {@code null}), through Flink's FileSystem. Numbers are JSON numbers (decimals exact), dates
 * and timestamps are strings ({@code 2024-01-02}, {@code 2024-01-02 03:04:05.000006}, with a
 * {@code Z} when the timestamp has a zone, since it holds a UTC instant), durations
 * are integers in their unit, binary is base64, lists are arrays and structs are objects. JSON has
 * no NaN or infinity: those floats are written as {@code null}. Values go from Arrow buffers into
 * a reused line buffer; only doubles, decimals past 18 digits and binary make objects per value.
 *
 * <pre>{@code try (JsonBatchWriter w = new JsonBatchWriter("out/part-0.json", schema)) { w.write(batch); }}</pre>
 */
public final class JsonBatchWriter implements BatchWriter {
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final String path;
    private final Schema schema;
    private final DataType[] types;
    /** {@code "name":} per column, escaped once, with the leading brace or comma. */
    private final byte[][] keys;
    private final OutputStream out;
    private final StringBuilder digits = new StringBuilder(40);
    private byte[] line = new byte[4096];
    private int length;
    private long rows;

    public JsonBatchWriter(String path, Schema schema) {
        this.path = path;
        this.schema = schema;
        this.types = schema.types().toArray(new DataType[0]);
        this.keys = new byte[types.length][];
        for (int c = 0; c < types.length; c++) {
            if (types[c].kind() == DataType.Kind.INTERVAL) {
                throw new IllegalArgumentException("Column '" + schema.field(c).name() + "' of type " + types[c]
                        + " cannot be written to JSON; cast it to a string first");
            }
            keys[c] = key(c == 0 ? "{" : ",", schema.field(c).name());
        }
        try {
            Path p = new Path(path);
            out = new BufferedOutputStream(p.getFileSystem().create(p, FileSystem.WriteMode.NO_OVERWRITE), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create JSON file " + path + ": " + e.getMessage(), e);
        }
    }

    private byte[] key(String prefix, String name) {
        length = 0;
        putAscii(prefix);
        putString(name.getBytes(StandardCharsets.UTF_8), 0, name.getBytes(StandardCharsets.UTF_8).length);
        put((byte) ':');
        byte[] k = java.util.Arrays.copyOf(line, length);
        length = 0;
        return k;
    }

    /** Appends the batch's rows (the caller keeps the batch). */
    @Override
    public void write(RecordBatch batch) {
        try {
            for (int row = 0; row < batch.numRows(); row++) {
                if (types.length == 0) {
                    put((byte) '{');
                }
                for (int c = 0; c < types.length; c++) {
                    putBytes(keys[c], 0, keys[c].length);
                    value(batch.vector(c), types[c], row);
                }
                put((byte) '}');
                put((byte) '\n');
                out.write(line, 0, length);
                length = 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write JSON file " + path + ": " + e.getMessage(), e);
        }
        rows += batch.numRows();
    }

    private void value(FieldVector v, DataType type, int row) {
        if (type.kind() == DataType.Kind.NULL || v.isNull(row)) {
            putBytes(NULL, 0, NULL.length);
            return;
        }
        ArrowBuf data = type.isNested() ? null : v.getDataBuffer();
        switch (type.kind()) {
            case BOOL -> putAscii(BitVectorHelper.get(data, row) != 0 ? "true" : "false");
            case INT8 -> putLong(data.getByte(row));
            case INT16 -> putLong(data.getShort((long) row * 2));
            case INT32 -> putLong(data.getInt((long) row * 4));
            case UINT8 -> putLong(data.getByte(row) & 0xFF);
            case UINT16 -> putLong(data.getShort((long) row * 2) & 0xFFFF);
            case UINT32 -> putLong(data.getInt((long) row * 4) & 0xFFFFFFFFL);
            case INT64, DURATION -> putLong(data.getLong((long) row * 8));
            case UINT64 -> putAscii(Long.toUnsignedString(data.getLong((long) row * 8)));
            case FLOAT32 -> putDouble(data.getFloat((long) row * 4));
            case FLOAT64 -> putDouble(data.getDouble((long) row * 8));
            case DATE -> {
                digits.setLength(0);
                digits.append('"');
                TextDigits.date(digits, data.getInt((long) row * 4));
                digits.append('"');
                putDigits();
            }
            case TIMESTAMP -> putTimestamp(data.getLong((long) row * 8), ((DataType.Timestamp) type).unit(),
                    ((DataType.Timestamp) type).zone() != null);
            case DECIMAL -> putDecimal(data, row, ((DataType.Decimal) type).scale());
            case STRING -> {
                ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
                int start = offsets.getInt((long) row * 4);
                int len = offsets.getInt((long) (row + 1) * 4) - start;
                ensure(len);
                // copy the raw UTF-8 to the end of the buffer, then escape it into place
                byte[] raw = scratch(len);
                data.getBytes(start, raw, 0, len);
                putString(raw, 0, len);
            }
            case BINARY -> {
                ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
                int start = offsets.getInt((long) row * 4);
                int len = offsets.getInt((long) (row + 1) * 4) - start;
                byte[] raw = new byte[len];
                data.getBytes(start, raw, 0, len);
                byte[] b64 = Base64.getEncoder().encode(raw);
                put((byte) '"');
                putBytes(b64, 0, b64.length);
                put((byte) '"');
            }
            case LIST -> {
                ListVector list = (ListVector) v;
                DataType element = ((DataType.ListOf) type).element();
                int start = list.getElementStartIndex(row);
                int end = list.getElementEndIndex(row);
                put((byte) '[');
                for (int i = start; i < end; i++) {
                    if (i > start) {
                        put((byte) ',');
                    }
                    value(list.getDataVector(), element, i);
                }
                put((byte) ']');
            }
            case STRUCT -> {
                StructVector struct = (StructVector) v;
                put((byte) '{');
                int i = 0;
                for (Field f : ((DataType.Struct) type).fields()) {
                    if (i++ > 0) {
                        put((byte) ',');
                    }
                    byte[] name = f.name().getBytes(StandardCharsets.UTF_8);
                    putString(name, 0, name.length);
                    put((byte) ':');
                    value((FieldVector) struct.getChild(f.name()), f.type(), row);
                }
                put((byte) '}');
            }
            case MAP -> {
                // an object, as DuckDB's to_json writes a MAP: numbers and booleans as keys are quoted
                ListVector map = (ListVector) v;
                DataType.MapOf m = (DataType.MapOf) type;
                StructVector entries = (StructVector) map.getDataVector();
                boolean quote = m.key().isNumeric() || m.key().kind() == DataType.Kind.BOOL;
                if (m.key().isNested()) {
                    throw new IllegalArgumentException("JSON writer: a map with " + m.key() + " keys has no JSON"
                            + " object form; cast the keys to string (e.g. map_from_arrays of keys cast) first");
                }
                put((byte) '{');
                for (int i = map.getElementStartIndex(row), end = map.getElementEndIndex(row); i < end; i++) {
                    if (i > map.getElementStartIndex(row)) {
                        put((byte) ',');
                    }
                    if (quote) {
                        put((byte) '"');
                    }
                    value((FieldVector) entries.getChildByOrdinal(0), m.key(), i);
                    if (quote) {
                        put((byte) '"');
                    }
                    put((byte) ':');
                    value((FieldVector) entries.getChildByOrdinal(1), m.value(), i);
                }
                put((byte) '}');
            }
            default -> throw new IllegalStateException("JSON writer: unexpected type " + type);
        }
    }

    private byte[] scratchBytes = new byte[256];

    private byte[] scratch(int n) {
        if (scratchBytes.length < n) {
            scratchBytes = new byte[Math.max(n, scratchBytes.length * 2)];
        }
        return scratchBytes;
    }

    /** A JSON string: quotes, backslash and control characters escaped; other UTF-8 bytes as they are. */
    private void putString(byte[] b, int off, int len) {
        ensure(len * 6 + 2);
        line[length++] = '"';
        for (int i = off; i < off + len; i++) {
            byte ch = b[i];
            if (ch == '"' || ch == '\\') {
                line[length++] = '\\';
                line[length++] = ch;
            } else if (ch >= 0 && ch < 0x20) {
                switch (ch) {
                    case '\n' -> { line[length++] = '\\'; line[length++] = 'n'; }
                    case '\r' -> { line[length++] = '\\'; line[length++] = 'r'; }
                    case '\t' -> { line[length++] = '\\'; line[length++] = 't'; }
                    default -> {
                        line[length++] = '\\';
                        line[length++] = 'u';
                        line[length++] = '0';
                        line[length++] = '0';
                        line[length++] = HEX[ch >> 4];
                        line[length++] = HEX[ch & 0xF];
                    }
                }
            } else {
                line[length++] = ch;
            }
        }
        line[length++] = '"';
    }

    private void putLong(long v) {
        digits.setLength(0);
        digits.append(v);
        putDigits();
    }

    private void putDouble(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            putBytes(NULL, 0, NULL.length);
            return;
        }
        digits.setLength(0);
        TextDigits.finiteDouble(digits, v);
        putDigits();
    }

    /** Zone-aware timestamps hold UTC instants: they are written with a {@code Z}. */
    private void putTimestamp(long value, TimeUnit unit, boolean utc) {
        digits.setLength(0);
        digits.append('"');
        TextDigits.timestamp(digits, value, unit);
        if (utc) {
            digits.append('Z');
        }
        digits.append('"');
        putDigits();
    }

    private void putDecimal(ArrowBuf data, int row, int scale) {
        digits.setLength(0);
        TextDigits.decimal(digits, data.getLong((long) row * 16), data.getLong((long) row * 16 + 8), scale);
        putDigits();
    }

    private void putDigits() {
        ensure(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            line[length++] = (byte) digits.charAt(i);
        }
    }

    private void putAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            line[length++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        line[length++] = b;
    }

    private void putBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, line, length, len);
        length += len;
    }

    private void ensure(int more) {
        if (length + more > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + more));
        }
    }

    @Override
    public long rowsWritten() {
        return rows;
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish JSON file " + path + ": " + e.getMessage(), e);
        }
    }
}
