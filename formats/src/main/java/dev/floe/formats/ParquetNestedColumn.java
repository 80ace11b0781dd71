package dev.floe.formats;

import dev.floe.api.types.DataType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads one top-level nested Parquet column (lists, structs, nested in any way) into an Arrow
 * {@link ListVector} / {@link StructVector} tree. Each leaf is read through its
 * {@link ColumnReader} as (repetition level, definition level, value) triples; a leaf walks the
 * nodes on its path and appends an entry to every node whose repetition depth is at least the
 * triple's repetition level. Struct validity and list offsets are written by the first leaf under
 * each node only (Parquet repeats the same structure in every leaf of a subtree), so nothing is
 * written twice and no Java object is made per value (binary values excepted: parquet-java's
 * reader hands them out as {@code Binary}).
 *
 * <pre>{@code ParquetNestedColumn c = new ParquetNestedColumn(fileSchema.getType("tags"), requested, store, DataType.list(DataType.string()));
 * c.read(listVector, n);}</pre>
 */
final class ParquetNestedColumn {
    private static final int STRUCT = 0;
    private static final int LIST = 1;
    private static final int LEAF = 2;

    /** One Floe node of the column: a struct, a list or a leaf, with the levels Parquet gives it. */
    private static final class Node {
        final int kind;
        /** Definition level from which the node is non-null. */
        final int presentDef;
        /** For lists: definition level from which the list has at least one element. */
        final int elemDef;
        /** Number of lists above this node: a triple makes a new entry here iff its repetition level is at most this. */
        final int repDepth;
        final DataType type;
        final List<Node> children = new ArrayList<>();
        final ColumnDescriptor column;

        Node(int kind, int presentDef, int elemDef, int repDepth, DataType type, ColumnDescriptor column) {
            this.kind = kind;
            this.presentDef = presentDef;
            this.elemDef = elemDef;
            this.repDepth = repDepth;
            this.type = type;
            this.column = column;
        }
    }

    /** A leaf's path from the top node down, and its reader. */
    private static final class Leaf {
        Node[] path;
        /** Whether this leaf writes node i's validity / offsets (it is the first leaf under it). */
        boolean[] owned;
        FieldVector[] vectors;
        int[] count;
        ColumnReader reader;
        long left;
        final long[] wide = new long[2];
    }

    private final Node root;
    private final List<Leaf> leaves = new ArrayList<>();

    ParquetNestedColumn(Type column, MessageType requested, ColumnReadStore store, DataType type) {
        this.root = build(column, new ArrayList<>(), 0, 0, type, requested, false);
        List<Node> path = new ArrayList<>();
        collectLeaves(root, path, store);
    }

    private static Node build(Type t, List<String> names, int parentDef, int rep, DataType type, MessageType requested,
            boolean asRequired) {
        names.add(t.getName());
        try {
            if (!asRequired && t.isRepetition(Type.Repetition.REPEATED)) {
                // a repeated field outside a LIST annotation: a required list of required elements
                Node list = new Node(LIST, parentDef, parentDef + 1, rep, type, null);
                names.remove(names.size() - 1);
                list.children.add(build(t, names, parentDef + 1, rep + 1, ((DataType.ListOf) type).element(), requested,
                        true));
                names.add(t.getName());
                return list;
            }
            int def = !asRequired && t.isRepetition(Type.Repetition.OPTIONAL) ? parentDef + 1 : parentDef;
            if (t.isPrimitive()) {
                return new Node(LEAF, def, def, rep, type, requested.getColumnDescription(names.toArray(new String[0])));
            }
            GroupType g = t.asGroupType();
            if (type instanceof DataType.ListOf listType) {
                Type repeated = g.getType(0);
                Type element = ParquetFormat.listElement(g, "");
                Node list = new Node(LIST, def, def + 1, rep, type, null);
                if (element == repeated) {
                    list.children.add(build(repeated, names, def + 1, rep + 1, listType.element(), requested, true));
                } else {
                    names.add(repeated.getName());
                    list.children.add(build(element, names, def + 1, rep + 1, listType.element(), requested, false));
                    names.remove(names.size() - 1);
                }
                return list;
            }
            if (type instanceof DataType.MapOf mapType) {
                // a list of the repeated key-value group, read as Arrow's entries struct
                Node map = new Node(LIST, def, def + 1, rep, type, null);
                map.children.add(build(ParquetFormat.mapEntries(g, ""), names, def + 1, rep + 1, mapType.entry(),
                        requested, true));
                return map;
            }
            DataType.Struct struct = (DataType.Struct) type;
            Node node = new Node(STRUCT, def, def, rep, type, null);
            for (int i = 0; i < g.getFieldCount(); i++) {
                node.children.add(build(g.getType(i), names, def, rep, struct.fields().get(i).type(), requested, false));
            }
            return node;
        } finally {
            names.remove(names.size() - 1);
        }
    }

    private void collectLeaves(Node n, List<Node> path, ColumnReadStore store) {
        path.add(n);
        if (n.kind == LEAF) {
            Leaf leaf = new Leaf();
            leaf.path = path.toArray(new Node[0]);
            int k = leaf.path.length - 1;
            leaf.owned = new boolean[k + 1];
            leaf.owned[k] = true;
            for (int i = k - 1; i >= 0; i--) {
                // a node belongs to the first leaf under it
                leaf.owned[i] = leaf.owned[i + 1] && leaf.path[i].children.get(0) == leaf.path[i + 1];
            }
            leaf.vectors = new FieldVector[k + 1];
            leaf.count = new int[k + 1];
            leaf.reader = store.getColumnReader(n.column);
            leaf.left = leaf.reader.getTotalValueCount();
            leaves.add(leaf);
        } else {
            for (Node child : n.children) {
                collectLeaves(child, path, store);
            }
        }
        path.remove(path.size() - 1);
    }

    /** The number of Parquet leaf columns this column reads. */
    int leafCount() {
        return leaves.size();
    }

    /** Reads the next {@code n} records into {@code v} (allocated, empty). */
    void read(FieldVector v, int n) {
        for (Leaf leaf : leaves) {
            FieldVector cur = v;
            for (int i = 0; i < leaf.path.length; i++) {
                leaf.vectors[i] = cur;
                leaf.count[i] = 0;
                if (i + 1 < leaf.path.length) {
                    Node child = leaf.path[i + 1];
                    cur = leaf.path[i].kind == LIST ? ((ListVector) cur).getDataVector()
                            : (FieldVector) ((StructVector) cur).getChildByOrdinal(leaf.path[i].children.indexOf(child));
                }
            }
            readLeaf(leaf, n);
        }
        v.setValueCount(n);
    }

    private static void readLeaf(Leaf leaf, int n) {
        ColumnReader r = leaf.reader;
        int records = 0;
        while (leaf.left > 0) {
            int rep = r.getCurrentRepetitionLevel();
            if (rep == 0) {
                if (records == n) {
                    break;
                }
                records++;
            }
            triple(leaf, rep, r.getCurrentDefinitionLevel());
            r.consume();
            leaf.left--;
        }
        if (records != n) {
            throw new IllegalStateException("column " + String.join(".", leaf.path[leaf.path.length - 1].column.getPath())
                    + " ends after " + records + " of " + n + " records");
        }
    }

    private static void triple(Leaf leaf, int rep, int def) {
        Node[] path = leaf.path;
        boolean nullAbove = false;
        for (int i = 0; i < path.length; i++) {
            Node node = path[i];
            if (node.repDepth < rep) {
                continue;
            }
            if (nullAbove || def < node.presentDef) {
                appendNull(leaf, i);
                if (node.kind != STRUCT) {
                    return;
                }
                nullAbove = true;
                continue;
            }
            switch (node.kind) {
                case STRUCT -> append(leaf, i, true);
                case LIST -> {
                    append(leaf, i, true);
                    if (def < node.elemDef) {
                        return;
                    }
                }
                default -> {
                    appendValue(leaf, i);
                    return;
                }
            }
        }
    }

    private static void appendNull(Leaf leaf, int i) {
        append(leaf, i, false);
    }

    /** Appends an entry to node i (writing its validity if this leaf owns it) and extends its parent list. */
    private static void append(Leaf leaf, int i, boolean valid) {
        if (!leaf.owned[i]) {
            return;
        }
        int e = leaf.count[i]++;
        FieldVector v = leaf.vectors[i];
        switch (leaf.path[i].kind) {
            case STRUCT -> {
                if (valid) {
                    ((StructVector) v).setIndexDefined(e);
                } else {
                    ((StructVector) v).setNull(e);
                }
            }
            case LIST -> {
                ListVector lv = (ListVector) v;
                if (valid) {
                    int start = lv.startNewValue(e);
                    lv.getOffsetBuffer().setInt((e + 1) * 4L, start);
                } else {
                    lv.setNull(e);
                }
            }
            default -> {
                if (v instanceof BaseFixedWidthVector) {
                    while (e >= v.getValueCapacity()) {
                        v.reAlloc();
                    }
                }
            }
        }
        extendParent(leaf, i);
    }

    private static void extendParent(Leaf leaf, int i) {
        if (i > 0 && leaf.path[i - 1].kind == LIST && leaf.owned[i - 1]) {
            ((ListVector) leaf.vectors[i - 1]).getOffsetBuffer().setInt(leaf.count[i - 1] * 4L, leaf.count[i]);
        }
    }

    private static void appendValue(Leaf leaf, int i) {
        long[] wide = leaf.wide;
        int e = leaf.count[i]++;
        FieldVector v = leaf.vectors[i];
        ColumnReader r = leaf.reader;
        Node node = leaf.path[i];
        PrimitiveTypeName physical = node.column.getPrimitiveType().getPrimitiveTypeName();
        if (v instanceof BaseVariableWidthVector vw) {
            Binary b = r.getBinary();
            ByteBuffer bb = b.toByteBuffer();
            vw.setSafe(e, bb, bb.position(), bb.remaining());
            extendParent(leaf, i);
            return;
        }
        while (e >= v.getValueCapacity()) {
            v.reAlloc();
        }
        ArrowBuf data = v.getDataBuffer();
        switch (node.type.kind()) {
            case BOOL -> {
                if (r.getBoolean()) {
                    BitVectorHelper.setBit(data, e);
                }
            }
            case INT8, UINT8 -> data.setByte(e, (byte) r.getInteger());
            case INT16, UINT16 -> data.setShort(e * 2L, (short) r.getInteger());
            case INT32, UINT32, DATE -> data.setInt(e * 4L, r.getInteger());
            case INT64, UINT64, TIMESTAMP -> data.setLong(e * 8L, r.getLong());
            case FLOAT32 -> data.setFloat(e * 4L, r.getFloat());
            case FLOAT64 -> data.setDouble(e * 8L, r.getDouble());
            case DECIMAL -> {
                long lo;
                long hi;
                if (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64) {
                    lo = physical == PrimitiveTypeName.INT32 ? r.getInteger() : r.getLong();
                    hi = lo >> 63;
                } else {
                    byte[] b = r.getBinary().getBytesUnsafe();
                    ParquetColumnDecoder.bigEndian128(b, 0, b.length, wide);
                    lo = wide[0];
                    hi = wide[1];
                }
                data.setLong(e * 16L, lo);
                data.setLong(e * 16L + 8, hi);
            }
            default -> throw new IllegalArgumentException("unsupported nested leaf type " + node.type);
        }
        BitVectorHelper.setBit(v.getValidityBuffer(), e);
        extendParent(leaf, i);
    }
}
