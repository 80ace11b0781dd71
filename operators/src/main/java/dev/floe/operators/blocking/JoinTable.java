package dev.floe.operators.blocking;

import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.GroupTable;
import dev.floe.arrow.kernels.Selection;
import dev.floe.operators.step.KeyColumns;
import dev.floe.operators.step.Pipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * The in-memory half of a hash join: the whole build side in one batch, a hash table from key to
 * the build rows with that key, and which build rows found a partner. Probe batches stream through
 * {@link #probe}; joined rows go into the pipeline as wide batches.
 */
final class JoinTable implements AutoCloseable {
    private static final int OUTPUT_ROWS = 65_536;

    private final JoinSpec spec;
    private final BufferAllocator allocator;
    private final Pipeline pipeline;
    private final KeyColumns probeKeys;
    private final RecordBatch build;
    private GroupTable table;
    private int[] groupStart;
    private int[] groupRows;
    private final long[] matched;
    // per-batch scratch, reused so that a warmed probe allocates nothing per row
    private int[] probeGroups = new int[0];
    private int[] keep = new int[0];
    private int[] safe = new int[0];
    private final IntList probeIdx = new IntList();
    private final IntList buildIdx = new IntList();

    /** Takes ownership of the build batches. */
    JoinTable(JoinSpec spec, List<RecordBatch> buildBatches, BufferAllocator allocator, Pipeline pipeline) {
        this.spec = spec;
        this.allocator = allocator;
        this.pipeline = pipeline;
        this.probeKeys = KeyColumns.bind(spec.probeKeys(), spec.probeSchema());
        try {
            build = Concat.concat(spec.buildSchema(), buildBatches, allocator);
        } finally {
            buildBatches.forEach(RecordBatch::close);
        }
        int n = build.numRows();
        matched = new long[(n + 63) / 64];
        if (spec.buildKeys().isEmpty()) {
            return;
        }
        KeyColumns keys = KeyColumns.bind(spec.buildKeys(), spec.buildSchema());
        // sized for one group per row up to a million rows (keys often repeat; the table grows past that)
        table = new GroupTable(keys.types(), Math.min(n, 1 << 20), allocator);
        int[] groups;
        try (KeyColumns.Values k = keys.evaluate(build, allocator)) {
            groups = table.insert(k.vectors(), n);
        }
        // rows of each group, contiguous: groupRows[groupStart[g] .. groupStart[g + 1])
        int numGroups = table.numGroups();
        groupStart = new int[numGroups + 1];
        for (int g : groups) {
            groupStart[g + 1]++;
        }
        for (int g = 0; g < numGroups; g++) {
            groupStart[g + 1] += groupStart[g];
        }
        int[] fill = Arrays.copyOf(groupStart, numGroups);
        groupRows = new int[n];
        for (int i = 0; i < n; i++) {
            groupRows[fill[groups[i]]++] = i;
        }
    }

    /** Bytes the build side holds. */
    long sizeInBytes() {
        return build.sizeInBytes() + (table == null ? 0 : table.sizeInBytes()) + 4L * build.numRows() * 2;
    }

    /** After the last probe batch: the build rows nobody matched, for joins that keep them. */
    void finish() {
        if (spec.mode().keepsUnmatchedBuild()) {
            emitUnmatchedBuild();
        }
    }

    /** Joins one probe batch (the caller keeps ownership). */
    void probe(RecordBatch probe) {
        int n = probe.numRows();
        if (n == 0) {
            return;
        }
        int[] groups;
        if (spec.buildKeys().isEmpty()) {
            groups = null;
        } else {
            if (probeGroups.length < n) {
                probeGroups = new int[n];
            }
            groups = probeGroups;
            try (KeyColumns.Values k = probeKeys.evaluate(probe, allocator)) {
                table.find(k.vectors(), n, groups);
                for (FieldVector v : k.vectors()) {
                    if (v.getNullCount() > 0) {
                        for (int i = 0; i < n; i++) {
                            if (v.isNull(i)) {
                                groups[i] = -1;
                            }
                        }
                    }
                }
            }
        }
        if (spec.mode().filtersProbe()) {
            if (keep.length < n) {
                keep = new int[n];
            }
            int count = 0;
            boolean semi = spec.mode() == JoinSpec.Mode.SEMI;
            for (int i = 0; i < n; i++) {
                boolean hit = groups == null ? build.numRows() > 0 : groups[i] >= 0;
                if (hit == semi) {
                    keep[count++] = i;
                }
            }
            if (count > 0) {
                pipeline.push(count == n ? probe.slice(0, n, allocator)
                        : Selection.take(probe, keep, count, allocator));
            }
            return;
        }
        boolean keepProbe = spec.mode().keepsUnmatchedProbe();
        boolean trackBuild = spec.mode().keepsUnmatchedBuild();
        int buildRows = build.numRows();
        for (int i = 0; i < n; i++) {
            int from;
            int to;
            if (groups == null) {
                from = 0;
                to = buildRows;
            } else if (groups[i] >= 0) {
                from = groupStart[groups[i]];
                to = groupStart[groups[i] + 1];
            } else {
                from = 0;
                to = 0;
            }
            if (from == to) {
                if (keepProbe) {
                    probeIdx.add(i);
                    buildIdx.add(-1);
                }
            } else {
                for (int j = from; j < to; j++) {
                    int b = groups == null ? j : groupRows[j];
                    probeIdx.add(i);
                    buildIdx.add(b);
                    if (trackBuild) {
                        matched[b >>> 6] |= 1L << b;
                    }
                }
            }
            if (probeIdx.size >= OUTPUT_ROWS) {
                emitPairs(probe, probeIdx, buildIdx);
            }
        }
        emitPairs(probe, probeIdx, buildIdx);
    }

    private void emitUnmatchedBuild() {
        for (int i = 0; i < build.numRows(); i++) {
            if ((matched[i >>> 6] & (1L << i)) == 0) {
                buildIdx.add(i);
                probeIdx.add(-1);
            }
        }
        try (RecordBatch noProbe = RecordBatch.empty(spec.probeSchema(), allocator)) {
            emitPairs(noProbe, probeIdx, buildIdx);
        }
    }

    /** Takes the pairs from both sides into one wide batch and runs the steps on it. */
    private void emitPairs(RecordBatch probe, IntList probeIdx, IntList buildIdx) {
        if (probeIdx.size == 0) {
            return;
        }
        int count = probeIdx.size;
        int[] p = probeIdx.values;
        int[] b = buildIdx.values;
        probeIdx.size = 0;
        buildIdx.size = 0;
        List<FieldVector> columns = new ArrayList<>();
        try {
            RecordBatch left = spec.buildIsLeft() ? build : probe;
            int[] leftIdx = spec.buildIsLeft() ? b : p;
            RecordBatch right = spec.buildIsLeft() ? probe : build;
            int[] rightIdx = spec.buildIsLeft() ? p : b;
            takeOrNull(left, leftIdx, count, columns);
            takeOrNull(right, rightIdx, count, columns);
        } catch (RuntimeException e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        pipeline.push(RecordBatch.of(spec.joinedSchema(), columns, count));
    }

    /** Appends the batch's columns taken at indexes {@code idx[0 .. n)}; index -1 gives null. */
    private void takeOrNull(RecordBatch batch, int[] idx, int n, List<FieldVector> out) {
        boolean anyMissing = false;
        for (int k = 0; k < n; k++) {
            if (idx[k] < 0) {
                anyMissing = true;
                break;
            }
        }
        Schema schema = batch.schema();
        if (batch.numRows() == 0) {
            for (Field f : schema.fields()) {
                FieldVector v = f.toArrow().createVector(allocator);
                v.setInitialCapacity(n);
                v.allocateNew();
                v.setValueCount(n);
                out.add(v);
            }
            return;
        }
        int[] rows = idx;
        if (anyMissing) {
            if (safe.length < n) {
                safe = new int[idx.length];
            }
            for (int k = 0; k < n; k++) {
                safe[k] = Math.max(idx[k], 0);
            }
            rows = safe;
        }
        for (int c = 0; c < batch.numColumns(); c++) {
            FieldVector v = Selection.take(batch.vector(c), schema.field(c).type(), rows, n, allocator);
            if (anyMissing && schema.field(c).type().kind() != dev.floe.api.types.DataType.Kind.NULL) {
                for (int k = 0; k < n; k++) {
                    if (idx[k] < 0) {
                        BitVectorHelper.unsetBit(v.getValidityBuffer(), k);
                    }
                }
            }
            out.add(v);
        }
    }

    @Override
    public void close() {
        build.close();
        if (table != null) {
            table.close();
        }
    }

    /** A growable int array. */
    private static final class IntList {
        int[] values = new int[1024];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
