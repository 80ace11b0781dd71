package dev.floe.formats;

import dev.floe.api.CsvOptions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.RecordBatch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Writes batches as CSV (RFC 4180 quoting; header row; nulls as the options' null string, empty by
 * default) through Flink's FileSystem. Values go from Arrow buffers into a reused line buffer:
 * strings as their UTF-8 bytes, integers, dates and timestamps as digits; only doubles (through
 * the JDK's shortest-repr formatting) and decimals past 18 digits make objects per value.
 *
 * <pre>{@code try (CsvBatchWriter w = new CsvBatchWriter("out/part-0.csv", schema, CsvOptions.defaults())) { w.write(batch); }}</pre>
 */
public final class CsvBatchWriter implements BatchWriter {
    private final String path;
    private final Schema schema;
    private final DataType[] types;
    private final byte delimiter;
    private final byte quote;
    private final byte[] nullBytes;
    private final OutputStream out;
    private final StringBuilder digits = new StringBuilder(32);
    private byte[] line = new byte[4096];
    private int length;
    private long rows;

    public CsvBatchWriter(String path, Schema schema, CsvOptions options) {
        this.path = path;
        this.schema = schema;
        this.types = schema.types().toArray(new DataType[0]);
        this.delimiter = (byte) options.delimiter();
        this.quote = (byte) options.quote();
        this.nullBytes = (options.nullString() == null ? "" : options.nullString()).getBytes(StandardCharsets.UTF_8);
        for (int c = 0; c < types.length; c++) {
            if (types[c].isNested() || types[c].kind() == DataType.Kind.INTERVAL) {
                throw new IllegalArgumentException("Column '" + schema.field(c).name() + "' of type " + types[c]
                        + " cannot be written to CSV; write Parquet or JSON instead");
            }
        }
        try {
            Path p = new Path(path);
            out = new BufferedOutputStream(p.getFileSystem().create(p, FileSystem.WriteMode.NO_OVERWRITE), 1 << 16);
            if (options.header()) {
                for (int c = 0; c < types.length; c++) {
                    if (c > 0) {
                        put(delimiter);
                    }
                    byte[] name = schema.field(c).name().getBytes(StandardCharsets.UTF_8);
                    putField(name, 0, name.length);
                }
                endLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create CSV file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Appends the batch's rows (the caller keeps the batch). */
    @Override
    public void write(RecordBatch batch) {
        try {
            for (int row = 0; row < batch.numRows(); row++) {
                for (int c = 0; c < types.length; c++) {
                    if (c > 0) {
                        put(delimiter);
                    }
                    FieldVector v = batch.vector(c);
                    if (types[c].kind() == DataType.Kind.NULL || BitVectorHelper.get(v.getValidityBuffer(), row) == 0) {
                        putBytes(nullBytes, 0, nullBytes.length);
                    } else {
                        value(c, v, row);
                    }
                }
                endLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write CSV file " + path + ": " + e.getMessage(), e);
        }
        rows += batch.numRows();
    }

    private void value(int c, FieldVector v, int row) {
        ArrowBuf data = v.getDataBuffer();
        switch (types[c].kind()) {
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
            case DATE -> putDate(data.getInt((long) row * 4));
            case TIMESTAMP -> putTimestamp(data.getLong((long) row * 8), ((DataType.Timestamp) types[c]).unit());
            case DECIMAL -> putDecimal(data, row, ((DataType.Decimal) types[c]).scale());
            case STRING, BINARY -> {
                ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
                int start = offsets.getInt((long) row * 4);
                int len = offsets.getInt((long) (row + 1) * 4) - start;
                ensure(2 * len + 2);
                int at = length;
                data.getBytes(start, line, at, len);
                quoteIfNeeded(at, len);
            }
            default -> throw new IllegalStateException(types[c].toString());
        }
    }

    /** Quotes the field just copied to line[at, at + len) when it holds a delimiter, quote or line break. */
    private void quoteIfNeeded(int at, int len) {
        int quotes = 0;
        boolean special = len > 0 && (line[at] == ' ' || line[at + len - 1] == ' ');
        for (int i = at; i < at + len; i++) {
            byte b = line[i];
            if (b == quote) {
                quotes++;
            }
            special |= b == delimiter || b == quote || b == '\n' || b == '\r';
        }
        // an empty string must not read back as null
        special |= len == 0 && nullBytes.length == 0;
        if (!special) {
            length += len;
            return;
        }
        int newLen = len + quotes + 2;
        // shift right, doubling quotes, from the end
        int src = at + len - 1;
        int dst = at + newLen - 1;
        line[dst--] = quote;
        while (src >= at) {
            byte b = line[src--];
            line[dst--] = b;
            if (b == quote) {
                line[dst--] = quote;
            }
        }
        line[dst] = quote;
        length += newLen;
    }

    private void putField(byte[] b, int off, int len) {
        ensure(2 * len + 2);
        System.arraycopy(b, off, line, length, len);
        quoteIfNeeded(length, len);
    }

    private void putLong(long v) {
        digits.setLength(0);
        digits.append(v);
        putDigits();
    }

    private void putDouble(double v) {
        digits.setLength(0);
        TextDigits.finiteDouble(digits, v);
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

    private void putDate(int epochDay) {
        digits.setLength(0);
        TextDigits.date(digits, epochDay);
        putDigits();
    }

    private void putTimestamp(long value, TimeUnit unit) {
        digits.setLength(0);
        TextDigits.timestamp(digits, value, unit);
        putDigits();
    }

    private void putDecimal(ArrowBuf data, int row, int scale) {
        digits.setLength(0);
        TextDigits.decimal(digits, data.getLong((long) row * 16), data.getLong((long) row * 16 + 8), scale);
        putDigits();
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

    private void endLine() throws IOException {
        put((byte) '\n');
        out.write(line, 0, length);
        length = 0;
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
            throw new UncheckedIOException("Cannot finish CSV file " + path + ": " + e.getMessage(), e);
        }
    }
}
