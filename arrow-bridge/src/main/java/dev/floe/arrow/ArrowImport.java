package dev.floe.arrow;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthViewVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListViewVector;
import org.apache.arrow.vector.complex.ListViewVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.Types.MinorType;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Copies a caller's Arrow batch into Floe's own vectors, converting every Arrow type Floe reads as
 * a wider one (API.md, "Types") to the one Arrow type of that Floe type: LargeUtf8 and Utf8View to
 * Utf8, LargeBinary, BinaryView and FixedSizeBinary to Binary, Date64 to Date32, Decimal256 (p &le;
 * 38) to Decimal128, year-month and day-time intervals to month-day-nano, LargeList,
 * FixedSizeList, ListView and LargeListView to List, and dictionary-encoded columns to their
 * values. Nested types convert at every level.
 *
 * <p>The source is only read: its buffers are copied as blocks into {@code target}, so the source
 * may live in any allocator (another {@code RootAllocator} included) and the caller keeps and
 * closes it. Conversions loop over the buffers; no object is made per value.
 *
 * <pre>{@code
 * try (RecordBatch mine = ArrowImport.copy(userRoot, null, Allocators.root())) { ... }
 * }</pre>
 */
public final class ArrowImport {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final java.util.Set<ArrowType.ArrowTypeID> LIST_TYPES = java.util.EnumSet.of(
            ArrowType.ArrowTypeID.List, ArrowType.ArrowTypeID.LargeList, ArrowType.ArrowTypeID.FixedSizeList,
            ArrowType.ArrowTypeID.ListView, ArrowType.ArrowTypeID.LargeListView);

    private ArrowImport() {
    }

    /**
     * A batch of Floe's canonical vectors in {@code target} holding the values of {@code root}.
     *
     * @param dictionaries where dictionary-encoded columns find their dictionaries (an
     *     {@code ArrowReader} is one); null when the root has none
     * @throws IllegalArgumentException naming the column when a type has no Floe equivalent or a
     *     dictionary is missing
     */
    public static RecordBatch copy(VectorSchemaRoot root, DictionaryProvider dictionaries, BufferAllocator target) {
        List<Field> fields = new ArrayList<>();
        for (org.apache.arrow.vector.types.pojo.Field f : root.getSchema().getFields()) {
            fields.add(new Field(f.getName(), floeType(f, dictionaries)));
        }
        Schema schema = new Schema(fields);
        int rows = root.getRowCount();
        List<FieldVector> out = new ArrayList<>(schema.size());
        try {
            for (int i = 0; i < schema.size(); i++) {
                FieldVector dst = schema.field(i).toArrow().createVector(target);
                out.add(dst);
                FieldVector src = root.getVector(i);
                if (src.getValueCount() < rows) {
                    throw new IllegalArgumentException("column '" + src.getName() + "' has " + src.getValueCount()
                            + " values but the root's row count is " + rows + "; set each vector's value count");
                }
                fill(src, dst, rows, dictionaries, target);
            }
        } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return RecordBatch.of(schema, out, rows);
    }

    /** The Floe type of an Arrow field whose dictionaries (at any level) are in {@code dictionaries}. */
    public static DataType floeType(org.apache.arrow.vector.types.pojo.Field field, DictionaryProvider dictionaries) {
        DictionaryEncoding encoding = field.getDictionary();
        if (encoding != null) {
            Dictionary dictionary = dictionaries == null ? null : dictionaries.lookup(encoding.getId());
            if (dictionary == null) {
                throw new IllegalArgumentException("column '" + field.getName() + "' is dictionary-encoded (id "
                        + encoding.getId() + ") but its dictionary was not given; pass the ArrowReader it came "
                        + "from, or decode it first with DictionaryEncoder.decode");
            }
            return floeType(dictionary.getVector().getField(), dictionaries);
        }
        if (!hasDictionary(field)) {
            return DataType.fromArrow(field);
        }
        List<org.apache.arrow.vector.types.pojo.Field> children = field.getChildren();
        if (field.getType() instanceof ArrowType.Struct) {
            List<Field> out = new ArrayList<>();
            for (org.apache.arrow.vector.types.pojo.Field c : children) {
                out.add(new Field(c.getName(), floeType(c, dictionaries)));
            }
            return DataType.struct(out.toArray(Field[]::new));
        }
        if (children.size() == 1 && LIST_TYPES.contains(field.getType().getTypeID())) {
            return DataType.list(floeType(children.get(0), dictionaries));
        }
        return DataType.fromArrow(field);
    }

    private static boolean hasDictionary(org.apache.arrow.vector.types.pojo.Field field) {
        if (field.getDictionary() != null) {
            return true;
        }
        for (org.apache.arrow.vector.types.pojo.Field c : field.getChildren()) {
            if (hasDictionary(c)) {
                return true;
            }
        }
        return false;
    }

    /** Loads {@code n} values of {@code src} into {@code dst}, an empty canonical vector in {@code alloc}. */
    private static void fill(FieldVector src, FieldVector dst, int n, DictionaryProvider dictionaries,
            BufferAllocator alloc) {
        DictionaryEncoding encoding = src.getField().getDictionary();
        if (encoding != null) {
            Dictionary dictionary = dictionaries == null ? null : dictionaries.lookup(encoding.getId());
            if (dictionary == null) {
                throw new IllegalArgumentException("column '" + src.getName() + "' is dictionary-encoded (id "
                        + encoding.getId() + ") but its dictionary was not given; pass the ArrowReader it came "
                        + "from, or decode it first with DictionaryEncoder.decode");
            }
            try (FieldVector decoded = (FieldVector) DictionaryEncoder.decode(src, dictionary, alloc)) {
                fill(decoded, dst, n, dictionaries, alloc);
            }
            return;
        }
        MinorType from = src.getMinorType();
        if (from == dst.getMinorType()) {
            load(dst, n, nullCount(src, n), copies(src.getFieldBuffers(), alloc));
            List<FieldVector> srcChildren = src.getChildrenFromFields();
            List<FieldVector> dstChildren = dst.getChildrenFromFields();
            for (int c = 0; c < dstChildren.size(); c++) {
                FieldVector child = srcChildren.get(c);
                fill(child, dstChildren.get(c), child.getValueCount(), dictionaries, alloc);
            }
            return;
        }
        switch (from) {
            case LARGEVARCHAR, LARGEVARBINARY -> largeVarWidth(src, dst, n, alloc);
            case VIEWVARCHAR, VIEWVARBINARY -> views((BaseVariableWidthViewVector) src, dst, n, alloc);
            case FIXEDSIZEBINARY -> fixedSizeBinary(src, dst, n, alloc);
            case DATEMILLI -> dateMillis(src, dst, n, alloc);
            case DECIMAL256 -> decimal256(src, dst, n, alloc);
            case INTERVALYEAR, INTERVALDAY -> interval(src, dst, n, alloc);
            case LARGELIST -> largeList(src, dst, n, dictionaries, alloc);
            case FIXED_SIZE_LIST -> fixedSizeList((FixedSizeListVector) src, dst, n, dictionaries, alloc);
            case LISTVIEW, LARGELISTVIEW -> listView(src, dst, n, dictionaries, alloc);
            default -> throw new IllegalArgumentException("column '" + src.getName() + "': Arrow type "
                    + src.getField().getType() + " cannot be read as " + dst.getField().getType());
        }
    }

    // ---- conversions ---------------------------------------------------------------------------

    private static void largeVarWidth(FieldVector src, FieldVector dst, int n, BufferAllocator alloc) {
        ArrowBuf offsets = src.getOffsetBuffer();
        long start = n == 0 ? 0 : offsets.getLong(0);
        long bytes = n == 0 ? 0 : offsets.getLong(8L * n) - start;
        checkSize(src, bytes);
        ArrowBuf intOffsets = alloc.buffer(4L * (n + 1));
        for (int i = 0; i <= n; i++) {
            intOffsets.setInt(4L * i, n == 0 ? 0 : (int) (offsets.getLong(8L * i) - start));
        }
        ArrowBuf data = copy(src.getDataBuffer(), start, bytes, alloc);
        load(dst, n, nullCount(src, n), List.of(validity(src, n, alloc), intOffsets, data));
    }

    /** Utf8View/BinaryView: 16-byte views, strings of up to 12 bytes inline, longer ones in a data buffer. */
    private static void views(BaseVariableWidthViewVector src, FieldVector dst, int n, BufferAllocator alloc) {
        ArrowBuf view = src.getDataBuffer();
        List<ArrowBuf> data = src.getDataBuffers();
        int size = BaseVariableWidthViewVector.ELEMENT_SIZE;
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += src.isNull(i) ? 0 : view.getInt((long) i * size);
        }
        checkSize(src, total);
        ArrowBuf offsets = alloc.buffer(4L * (n + 1));
        ArrowBuf bytes = alloc.buffer(Math.max(1, total));
        int at = 0;
        offsets.setInt(0, 0);
        for (int i = 0; i < n; i++) {
            long v = (long) i * size;
            int len = src.isNull(i) ? 0 : view.getInt(v);
            if (len <= BaseVariableWidthViewVector.INLINE_SIZE) {
                bytes.setBytes(at, view, v + 4, len);
            } else {
                bytes.setBytes(at, data.get(view.getInt(v + 8)), view.getInt(v + 12), len);
            }
            at += len;
            offsets.setInt(4L * (i + 1), at);
        }
        load(dst, n, nullCount(src, n), List.of(validity(src, n, alloc), offsets, bytes));
    }

    private static void fixedSizeBinary(FieldVector src, FieldVector dst, int n, BufferAllocator alloc) {
        int width = ((ArrowType.FixedSizeBinary) src.getField().getType()).getByteWidth();
        checkSize(src, (long) width * n);
        ArrowBuf offsets = alloc.buffer(4L * (n + 1));
        for (int i = 0; i <= n; i++) {
            offsets.setInt(4L * i, i * width);
        }
        load(dst, n, nullCount(src, n), List.of(validity(src, n, alloc), offsets,
                copy(src.getDataBuffer(), 0, (long) width * n, alloc)));
    }

    private static void dateMillis(FieldVector src, FieldVector dst, int n, BufferAllocator alloc) {
        ArrowBuf in = src.getDataBuffer();
        ArrowBuf days = alloc.buffer(4L * n);
        for (int i = 0; i < n; i++) {
            days.setInt(4L * i, (int) Math.floorDiv(in.getLong(8L * i), MILLIS_PER_DAY));
        }
        load(dst, n, nullCount(src, n), List.of(validity(src, n, alloc), days));
    }

    /** The low 16 bytes of a little-endian two's complement 256-bit value with precision &le; 38. */
    private static void decimal256(FieldVector src, FieldVector dst, int n, BufferAllocator alloc) {
        ArrowBuf in = src.getDataBuffer();
        ArrowBuf out = alloc.buffer(16L * n);
        for (int i = 0; i < n; i++) {
            out.setBytes(16L * i, in, 32L * i, 16);
        }
        load(dst, n, nullCount(src, n), List.of(validity(src, n, alloc), out));
    }

    /** Year-month (int32 months) and day-time (int32 days, int32 millis) to month-day-nano (16 bytes). */
    private static void interval(FieldVector src, FieldVector dst, int n, BufferAllocator alloc) {
        ArrowBuf in = src.getDataBuffer();
        boolean yearMonth = src.getMinorType() == MinorType.INTERVALYEAR;
        ArrowBuf out = alloc.buffer(16L * n);
        for (int i = 0; i < n; i++) {
            long o = 16L * i;
            if (yearMonth) {
                out.setInt(o, in.getInt(4L * i));
                out.setInt(o + 4, 0);
                out.setLong(o + 8, 0);
            } else {
                out.setInt(o, 0);
                out.setInt(o + 4, in.getInt(8L * i));
                out.setLong(o + 8, in.getInt(8L * i + 4) * 1_000_000L);
            }
        }
        load(dst, n, nullCount(src, n), List.of(validity(src, n, alloc), out));
    }

    private static void largeList(FieldVector src, FieldVector dst, int n, DictionaryProvider dictionaries,
            BufferAllocator alloc) {
        ArrowBuf offsets = src.getOffsetBuffer();
        ArrowBuf intOffsets = alloc.buffer(4L * (n + 1));
        long end = n == 0 ? 0 : offsets.getLong(8L * n);
        checkSize(src, end);
        for (int i = 0; i <= n; i++) {
            intOffsets.setInt(4L * i, n == 0 ? 0 : (int) offsets.getLong(8L * i));
        }
        load(dst, n, nullCount(src, n), List.of(validity(src, n, alloc), intOffsets));
        FieldVector child = src.getChildrenFromFields().get(0);
        fill(child, dst.getChildrenFromFields().get(0), (int) end, dictionaries, alloc);
    }

    private static void fixedSizeList(FixedSizeListVector src, FieldVector dst, int n, DictionaryProvider dictionaries,
            BufferAllocator alloc) {
        int size = src.getListSize();
        checkSize(src, (long) size * n);
        ArrowBuf offsets = alloc.buffer(4L * (n + 1));
        for (int i = 0; i <= n; i++) {
            offsets.setInt(4L * i, i * size);
        }
        load(dst, n, nullCount(src, n), List.of(validity(src, n, alloc), offsets));
        fill(src.getDataVector(), dst.getChildrenFromFields().get(0), size * n, dictionaries, alloc);
    }

    /**
     * ListView and LargeListView (offset and size per row, ranges in any order): when the non-null
     * rows' ranges follow one another the child is loaded whole, otherwise it is gathered range by
     * range into list order.
     */
    private static void listView(FieldVector src, FieldVector dst, int n, DictionaryProvider dictionaries,
            BufferAllocator alloc) {
        boolean large = src.getMinorType() == MinorType.LARGELISTVIEW;
        int width = large ? 8 : 4;
        ArrowBuf offsetBuf = src.getOffsetBuffer();
        ArrowBuf sizeBuf = large ? ((LargeListViewVector) src).getSizeBuffer() : ((ListViewVector) src).getSizeBuffer();
        long[] starts = new long[n];
        long[] sizes = new long[n];
        long total = 0;
        boolean contiguous = true;
        long expected = -1;
        for (int i = 0; i < n; i++) {
            if (src.isNull(i)) {
                continue;
            }
            starts[i] = large ? offsetBuf.getLong(8L * i) : offsetBuf.getInt(4L * i);
            sizes[i] = large ? sizeBuf.getLong(8L * i) : sizeBuf.getInt(4L * i);
            contiguous &= expected < 0 || starts[i] == expected || sizes[i] == 0;
            if (sizes[i] > 0) {
                expected = starts[i] + sizes[i];
            }
            total += sizes[i];
        }
        checkSize(src, total);
        FieldVector srcChild = src.getChildrenFromFields().get(0);
        FieldVector dstChild = dst.getChildrenFromFields().get(0);
        long base = 0;
        for (int i = 0; i < n && contiguous; i++) {
            if (sizes[i] > 0) {
                base = starts[i];
                break;
            }
        }
        ArrowBuf offsets = alloc.buffer(4L * (n + 1));
        long at = base;
        offsets.setInt(0, (int) at);
        for (int i = 0; i < n; i++) {
            at += sizes[i];
            offsets.setInt(4L * (i + 1), (int) at);
        }
        load(dst, n, nullCount(src, n), List.of(validity(src, n, alloc), offsets));
        if (contiguous) {
            fill(srcChild, dstChild, srcChild.getValueCount(), dictionaries, alloc);
            return;
        }
        try (FieldVector whole = dstChild.getField().createVector(alloc)) {
            fill(srcChild, whole, srcChild.getValueCount(), dictionaries, alloc);
            TransferPair gather = whole.makeTransferPair(dstChild);
            int to = 0;
            for (int i = 0; i < n; i++) {
                for (long k = 0; k < sizes[i]; k++) {
                    gather.copyValueSafe((int) (starts[i] + k), to++);
                }
            }
            dstChild.setValueCount(to);
        }
    }

    // ---- buffers -------------------------------------------------------------------------------

    /** Loads the given buffers (handing their ownership to {@code dst}) as its values. */
    private static void load(FieldVector dst, int n, int nullCount, List<ArrowBuf> buffers) {
        try {
            dst.loadFieldBuffers(new ArrowFieldNode(n, nullCount), buffers);
        } finally {
            // loadFieldBuffers took its own references
            buffers.forEach(ArrowBuf::close);
        }
    }

    private static List<ArrowBuf> copies(List<ArrowBuf> buffers, BufferAllocator alloc) {
        List<ArrowBuf> out = new ArrayList<>(buffers.size());
        for (ArrowBuf b : buffers) {
            out.add(copy(b, 0, b.writerIndex(), alloc));
        }
        return out;
    }

    private static ArrowBuf copy(ArrowBuf from, long start, long length, BufferAllocator alloc) {
        ArrowBuf to = alloc.buffer(Math.max(length, 0));
        if (length > 0) {
            to.setBytes(0, from, start, length);
        }
        to.writerIndex(length);
        return to;
    }

    private static ArrowBuf validity(FieldVector src, int n, BufferAllocator alloc) {
        int bytes = (n + 7) / 8;
        ArrowBuf out = alloc.buffer(bytes);
        out.setZero(0, out.capacity());
        ArrowBuf in = src.getValidityBuffer();
        if (in != null && in.capacity() >= bytes) {
            out.setBytes(0, in, 0, bytes);
        }
        out.writerIndex(bytes);
        return out;
    }

    /** Nulls among the first {@code n} values (a vector may hold more values than the root has rows). */
    private static int nullCount(FieldVector src, int n) {
        if (n == src.getValueCount() || src.getMinorType() == MinorType.NULL) {
            return n == src.getValueCount() ? src.getNullCount() : n;
        }
        return BitVectorHelper.getNullCount(src.getValidityBuffer(), n);
    }

    private static void checkSize(FieldVector src, long elements) {
        if (elements > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("column '" + src.getName() + "' holds " + elements
                    + " bytes or elements in one batch, more than Floe's 32-bit offsets allow; pass smaller batches");
        }
    }
}
