package dev.floe.formats;

import dev.floe.api.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one flat (non-repeated, top-level) Parquet column chunk page by page straight into
 * Arrow buffers: definition levels into the validity bitmap, PLAIN values by bulk copies (Parquet
 * and Arrow are both little-endian), dictionary pages once per chunk into primitive arrays that
 * RLE/bit-packed indices gather from. The decoder keeps its position between calls, so a batch may
 * span pages and a page may span batches. Chunks whose encodings are not all in
 * {@link #ENCODINGS} are read by the {@code ColumnReader} path instead (see {@link #supports}).
 *
 * <pre>{@code ParquetColumnDecoder d = new ParquetColumnDecoder(column, pages.getPageReader(column), type, metrics);
 * d.read(vector, n); // fills rows [0, n) of an allocated vector}</pre>
 */
final class ParquetColumnDecoder {
    /** Encodings this decoder handles (BIT_PACKED: the deprecated level encoding). */
    static final Set<Encoding> ENCODINGS = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY,
            Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED);

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** How values land in Arrow. */
    private enum Out { BITS, FIXED, VAR }

    private final PageReader pages;
    private final PrimitiveTypeName physical;
    private final int typeLength;
    private final int maxDef;
    private final Out out;
    /** Arrow value width in bytes for {@link Out#FIXED}. */
    private final int width;
    private final ScanMetrics metrics;

    // the current page
    private byte[] page;
    private int pos;
    private int end;
    private int pageLeft;
    private Encoding encoding;
    private int boolBit;
    private final RleHybridDecoder defs = new RleHybridDecoder();
    /** Deprecated BIT_PACKED levels (MSB first): the page array, bit cursor and width; -1 = RLE. */
    private int packedLevelWidth = -1;
    private byte[] packedLevels;
    private long packedLevelBit;
    private final RleHybridDecoder indices = new RleHybridDecoder();

    /** The dictionary of the chunk in Arrow's representation, or null. */
    private ParquetDictionary dictionary;

    private final long[] wide = new long[2];
    private byte[] levels = new byte[0];
    private byte[] scratch = new byte[0];
    private byte[] offsetScratch = new byte[0];
    private int[] ids = new int[0];

    ParquetColumnDecoder(ColumnDescriptor column, PageReader pages, DataType type, ScanMetrics metrics) {
        this.pages = pages;
        this.physical = column.getPrimitiveType().getPrimitiveTypeName();
        this.typeLength = column.getPrimitiveType().getTypeLength();
        this.maxDef = column.getMaxDefinitionLevel();
        this.metrics = metrics;
        switch (type.kind()) {
            case BOOL -> {
                out = Out.BITS;
                width = 0;
            }
            case STRING, BINARY -> {
                out = Out.VAR;
                width = 0;
            }
            default -> {
                out = Out.FIXED;
                width = type.bitWidth() / 8;
            }
        }
        DictionaryPage dict = pages.readDictionaryPage();
        if (dict != null) {
            if (out == Out.BITS) {
                throw new IllegalStateException("a boolean column has a dictionary page");
            }
            bytes(dict.getBytes());
            dictionary = ParquetDictionary.decode(page, pos, end, dict.getDictionarySize(), physical, typeLength,
                    out == Out.VAR, width == 16);
        }
    }

    /** Whether the fast path decodes a flat column of this type whose chunk uses these encodings. */
    static boolean supports(ColumnDescriptor column, DataType type, Set<Encoding> chunkEncodings) {
        if (column.getMaxRepetitionLevel() != 0 || column.getPath().length != 1 || !ENCODINGS.containsAll(chunkEncodings)) {
            return false;
        }
        PrimitiveTypeName p = column.getPrimitiveType().getPrimitiveTypeName();
        return switch (type.kind()) {
            case BOOL -> p == PrimitiveTypeName.BOOLEAN;
            case INT8, UINT8, INT16, UINT16, INT32, UINT32, DATE -> p == PrimitiveTypeName.INT32;
            case INT64, UINT64, TIMESTAMP -> p == PrimitiveTypeName.INT64;
            case FLOAT32 -> p == PrimitiveTypeName.FLOAT;
            case FLOAT64 -> p == PrimitiveTypeName.DOUBLE;
            case DECIMAL -> p == PrimitiveTypeName.INT32 || p == PrimitiveTypeName.INT64
                    || p == PrimitiveTypeName.BINARY
                    || p == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
            case STRING, BINARY -> p == PrimitiveTypeName.BINARY || p == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
            default -> false;
        };
    }

    /** Decodes the next {@code n} rows into rows {@code [0, n)} of {@code v} (allocated, zeroed). */
    void read(FieldVector v, int n) {
        if (out == Out.VAR) {
            ((BaseVariableWidthVector) v).getOffsetBuffer().setInt(0, 0);
        }
        int row = 0;
        while (row < n) {
            if (pageLeft == 0) {
                nextPage();
                continue;
            }
            int k = Math.min(n - row, pageLeft);
            readRows(v, row, k);
            row += k;
            pageLeft -= k;
        }
        if (out == Out.VAR) {
            ((BaseVariableWidthVector) v).setLastSet(n - 1);
        }
    }

    private void readRows(FieldVector v, int row, int k) {
        ArrowBuf validity = v.getValidityBuffer();
        if (maxDef == 0) {
            setBits(validity, row, k);
            readValues(v, row, k);
            return;
        }
        if (levels.length < k) {
            levels = new byte[Math.max(k, 1024)];
        }
        readLevels(levels, k);
        byte full = (byte) maxDef;
        int i = 0;
        while (i < k) {
            int j = i + 1;
            if (levels[i] == full) {
                while (j < k && levels[j] == full) {
                    j++;
                }
                setBits(validity, row + i, j - i);
                readValues(v, row + i, j - i);
            } else {
                while (j < k && levels[j] != full) {
                    j++;
                }
                if (out == Out.VAR) {
                    ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
                    int at = offsets.getInt((long) (row + i) * 4);
                    for (int r = row + i + 1; r <= row + j; r++) {
                        offsets.setInt((long) r * 4, at);
                    }
                }
            }
            i = j;
        }
    }

    /** Sets bits {@code [from, from + count)}: whole bytes at once, single bits at the edges. */
    private static void setBits(ArrowBuf b, int from, int count) {
        int i = from;
        int stop = from + count;
        while (i < stop && (i & 7) != 0) {
            BitVectorHelper.setBit(b, i++);
        }
        int bytes = (stop - i) >>> 3;
        if (bytes > 0) {
            b.setOne((long) (i >>> 3), (long) bytes);
            i += bytes << 3;
        }
        while (i < stop) {
            BitVectorHelper.setBit(b, i++);
        }
    }

    private void readLevels(byte[] into, int k) {
        if (packedLevelWidth < 0) {
            defs.readBytes(into, 0, k);
            return;
        }
        int w = packedLevelWidth;
        for (int i = 0; i < k; i++) {
            int v = 0;
            for (int b = 0; b < w; b++, packedLevelBit++) {
                int bit = (packedLevels[(int) (packedLevelBit >>> 3)] >>> (7 - (int) (packedLevelBit & 7))) & 1;
                v = (v << 1) | bit;
            }
            into[i] = (byte) v;
        }
    }

    // ---- values ---------------------------------------------------------------------------

    /** Decodes {@code k} non-null values into rows {@code [row, row + k)}. */
    private void readValues(FieldVector v, int row, int k) {
        if (encoding == Encoding.PLAIN) {
            switch (out) {
                case FIXED -> plainFixed(v.getDataBuffer(), row, k);
                case VAR -> plainVar((BaseVariableWidthVector) v, row, k);
                case BITS -> plainBits(v.getDataBuffer(), row, k);
            }
        } else if (encoding == Encoding.RLE) {
            ArrowBuf data = v.getDataBuffer();
            int[] bits = ids(k);
            indices.readInts(bits, 0, k);
            for (int i = 0; i < k; i++) {
                if (bits[i] != 0) {
                    BitVectorHelper.setBit(data, row + i);
                }
            }
        } else {
            int[] idx = ids(k);
            indices.readInts(idx, 0, k);
            if (out == Out.VAR) {
                gatherVar((BaseVariableWidthVector) v, row, idx, k);
            } else {
                gatherFixed(v.getDataBuffer(), row, idx, k);
            }
        }
    }

    private int[] ids(int k) {
        if (ids.length < k) {
            ids = new int[Math.max(k, 1024)];
        }
        return ids;
    }

    private void plainFixed(ArrowBuf data, int row, int k) {
        long at = (long) row * width;
        switch (physical) {
            case INT32, FLOAT -> {
                need(k * 4L);
                switch (width) {
                    case 4 -> data.setBytes(at, page, pos, k * 4L);
                    case 1 -> {
                        for (int i = 0; i < k; i++) {
                            data.setByte(at + i, (byte) (int) INT_LE.get(page, pos + 4 * i));
                        }
                    }
                    case 2 -> {
                        for (int i = 0; i < k; i++) {
                            data.setShort(at + 2L * i, (short) (int) INT_LE.get(page, pos + 4 * i));
                        }
                    }
                    default -> {
                        for (int i = 0; i < k; i++) {
                            long u = (int) INT_LE.get(page, pos + 4 * i);
                            data.setLong(at + 16L * i, u);
                            data.setLong(at + 16L * i + 8, u >> 63);
                        }
                    }
                }
                pos += k * 4;
            }
            case INT64, DOUBLE -> {
                need(k * 8L);
                if (width == 8) {
                    data.setBytes(at, page, pos, k * 8L);
                } else {
                    for (int i = 0; i < k; i++) {
                        long u = (long) LONG_LE.get(page, pos + 8 * i);
                        data.setLong(at + 16L * i, u);
                        data.setLong(at + 16L * i + 8, u >> 63);
                    }
                }
                pos += k * 8;
            }
            case FIXED_LEN_BYTE_ARRAY -> {
                need((long) k * typeLength);
                for (int i = 0; i < k; i++) {
                    bigEndianTo128(page, pos, typeLength, data, at + 16L * i);
                    pos += typeLength;
                }
            }
            case BINARY -> {
                for (int i = 0; i < k; i++) {
                    need(4);
                    int len = (int) INT_LE.get(page, pos);
                    pos += 4;
                    need(len);
                    bigEndianTo128(page, pos, len, data, at + 16L * i);
                    pos += len;
                }
            }
            default -> throw new IllegalStateException("no fixed-width decoding for Parquet " + physical);
        }
    }

    private void plainBits(ArrowBuf data, int row, int k) {
        need((boolBit + k + 7) / 8);
        for (int i = 0; i < k; i++, boolBit++) {
            if (((page[pos + (boolBit >>> 3)] >>> (boolBit & 7)) & 1) != 0) {
                BitVectorHelper.setBit(data, row + i);
            }
        }
    }

    private void plainVar(BaseVariableWidthVector v, int row, int k) {
        int total = 0;
        int p = pos;
        if (physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
            total = k * typeLength;
        } else {
            for (int i = 0; i < k; i++) {
                if (p + 4 > end) {
                    throw truncated();
                }
                int len = (int) INT_LE.get(page, p);
                if (len < 0 || p + 4L + len > end) {
                    throw truncated();
                }
                total += len;
                p += 4 + len;
            }
        }
        need(physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY ? total : p - pos);
        ArrowBuf offsets = v.getOffsetBuffer();
        int start = offsets.getInt((long) row * 4);
        ArrowBuf data = ensureData(v, (long) start + total);
        byte[] buf = scratch(total);
        byte[] ends = offsetScratch(k);
        int w = 0;
        for (int i = 0; i < k; i++) {
            int len;
            if (physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
                len = typeLength;
            } else {
                len = (int) INT_LE.get(page, pos);
                pos += 4;
            }
            System.arraycopy(page, pos, buf, w, len);
            pos += len;
            w += len;
            INT_LE.set(ends, 4 * i, start + w);
        }
        data.setBytes(start, buf, 0, w);
        offsets.setBytes((long) (row + 1) * 4, ends, 0, 4L * k);
    }

    private static ArrowBuf ensureData(BaseVariableWidthVector v, long needed) {
        while (v.getDataBuffer().capacity() < needed) {
            v.reallocDataBuffer(Math.max(needed, v.getDataBuffer().capacity() * 2));
        }
        return v.getDataBuffer();
    }

    /** A reusable heap array of at least {@code n} bytes: values are laid out there, then copied to Arrow in one call. */
    private byte[] scratch(long n) {
        if (scratch.length < n) {
            scratch = new byte[(int) Math.max(n, 2L * scratch.length)];
        }
        return scratch;
    }

    private byte[] offsetScratch(int k) {
        if (offsetScratch.length < 4 * k) {
            offsetScratch = new byte[Math.max(4 * k, 4096)];
        }
        return offsetScratch;
    }

    private void gatherFixed(ArrowBuf data, int row, int[] idx, int k) {
        long[] lo = dictionary.lo;
        byte[] buf = scratch((long) k * width);
        switch (width) {
            case 1 -> {
                for (int i = 0; i < k; i++) {
                    buf[i] = (byte) lo[idx[i]];
                }
            }
            case 2 -> {
                for (int i = 0; i < k; i++) {
                    SHORT_LE.set(buf, 2 * i, (short) lo[idx[i]]);
                }
            }
            case 4 -> {
                for (int i = 0; i < k; i++) {
                    INT_LE.set(buf, 4 * i, (int) lo[idx[i]]);
                }
            }
            case 8 -> {
                for (int i = 0; i < k; i++) {
                    LONG_LE.set(buf, 8 * i, lo[idx[i]]);
                }
            }
            default -> {
                long[] hi = dictionary.hi;
                for (int i = 0; i < k; i++) {
                    int d = idx[i];
                    LONG_LE.set(buf, 16 * i, lo[d]);
                    LONG_LE.set(buf, 16 * i + 8, hi[d]);
                }
            }
        }
        data.setBytes((long) row * width, buf, 0, (long) k * width);
    }

    private void gatherVar(BaseVariableWidthVector v, int row, int[] idx, int k) {
        int[] offs = dictionary.offsets;
        long total = 0;
        for (int i = 0; i < k; i++) {
            int d = idx[i];
            total += offs[d + 1] - offs[d];
        }
        ArrowBuf offsets = v.getOffsetBuffer();
        int start = offsets.getInt((long) row * 4);
        ArrowBuf data = ensureData(v, start + total);
        byte[] buf = scratch(total);
        byte[] ends = offsetScratch(k);
        int w = 0;
        for (int i = 0; i < k; i++) {
            int d = idx[i];
            int len = offs[d + 1] - offs[d];
            System.arraycopy(dictionary.bytes, offs[d], buf, w, len);
            w += len;
            INT_LE.set(ends, 4 * i, start + w);
        }
        data.setBytes(start, buf, 0, w);
        offsets.setBytes((long) (row + 1) * 4, ends, 0, 4L * k);
    }

    /** Writes a big-endian two's complement integer of {@code len} bytes as a little-endian decimal128. */
    private void bigEndianTo128(byte[] b, int p, int len, ArrowBuf data, long at) {
        bigEndian128(b, p, len, wide);
        data.setLong(at, wide[0]);
        data.setLong(at + 8, wide[1]);
    }

    /**
     * Reads a big-endian two's complement integer (Parquet's decimal bytes; longer than 16 bytes
     * only with sign bytes in front, as a precision of at most 38 digits implies) into
     * {@code out[0]} (low 64 bits) and {@code out[1]} (high 64 bits, sign-extended).
     */
    static void bigEndian128(byte[] b, int p, int len, long[] out) {
        long hi = len > 0 && b[p] < 0 ? -1L : 0L;
        long lo = hi;
        for (int i = 0; i < len; i++) {
            hi = (hi << 8) | (lo >>> 56);
            lo = (lo << 8) | (b[p + i] & 0xFFL);
        }
        out[0] = lo;
        out[1] = hi;
    }

    // ---- pages ----------------------------------------------------------------------------

    private void nextPage() {
        DataPage p = pages.readPage();
        if (p == null) {
            throw new IllegalStateException("the column chunk has fewer values than its row group has rows");
        }
        metrics.pagesFastDecoded++;
        pageLeft = p.getValueCount();
        packedLevelWidth = -1;
        int defWidth = RleHybridDecoder.bitWidth(maxDef);
        if (p instanceof DataPageV1 v1) {
            bytes(v1.getBytes());
            if (maxDef > 0) {
                if (v1.getDlEncoding() == Encoding.RLE) {
                    need(4);
                    int len = (int) INT_LE.get(page, pos);
                    pos += 4;
                    need(len);
                    defs.reset(page, pos, pos + len, defWidth);
                    pos += len;
                } else if (v1.getDlEncoding() == Encoding.BIT_PACKED) {
                    long len = ((long) pageLeft * defWidth + 7) / 8;
                    need(len);
                    packedLevelWidth = defWidth;
                    packedLevels = page;
                    packedLevelBit = (long) pos * 8;
                    pos += (int) len;
                } else {
                    throw new IllegalStateException("definition levels encoded as " + v1.getDlEncoding());
                }
            }
            startValues(v1.getValueEncoding());
        } else if (p instanceof DataPageV2 v2) {
            if (maxDef > 0) {
                bytes(v2.getDefinitionLevels());
                defs.reset(page, pos, end, defWidth);
            }
            bytes(v2.getData());
            startValues(v2.getDataEncoding());
        } else {
            throw new IllegalStateException("unknown data page kind " + p.getClass().getSimpleName());
        }
    }

    private void startValues(Encoding e) {
        encoding = e;
        boolBit = 0;
        switch (e) {
            case PLAIN -> {
            }
            case PLAIN_DICTIONARY, RLE_DICTIONARY -> {
                if (dictionary == null) {
                    throw new IllegalStateException("a dictionary-encoded page has no dictionary page before it");
                }
                need(1);
                int w = page[pos] & 0xFF;
                indices.reset(page, pos + 1, end, w);
                encoding = Encoding.RLE_DICTIONARY;
            }
            case RLE -> {
                if (out != Out.BITS) {
                    throw new IllegalStateException("RLE-encoded values of a non-boolean column");
                }
                need(4);
                int len = (int) INT_LE.get(page, pos);
                need(4L + len);
                indices.reset(page, pos + 4, pos + 4 + len, 1);
            }
            default -> throw new IllegalStateException("values encoded as " + e + ", which the chunk's metadata did not list");
        }
    }

    /** Points {@link #page}, {@link #pos} and {@link #end} at the bytes, copying only if they are off-heap. */
    private void bytes(BytesInput in) {
        try {
            ByteBuffer b = in.toByteBuffer();
            if (b.hasArray()) {
                page = b.array();
                pos = b.arrayOffset() + b.position();
                end = pos + b.remaining();
            } else {
                page = new byte[b.remaining()];
                b.duplicate().get(page);
                pos = 0;
                end = page.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void need(long bytes) {
        if (pos + bytes > end) {
            throw truncated();
        }
    }

    private static IllegalStateException truncated() {
        return new IllegalStateException("a page ends in the middle of a value (corrupt or truncated file?)");
    }
}
