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
        table = new GroupTable(keys.types(), allocator);
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
            try (KeyColumns.Values k = probeKeys.evaluate(probe, allocator)) {
                groups = table.find(k.vectors(), n);
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
            int[] keep = new int[n];
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
                        : Selection.take(probe, Arrays.copyOf(keep, count), allocator));
            }
            return;
        }
        IntList probeIdx = new IntList();
        IntList buildIdx = new IntList();
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
        IntList buildIdx = new IntList();
        IntList probeIdx = new IntList();
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
        int[] p = probeIdx.toArray();
        int[] b = buildIdx.toArray();
        probeIdx.size = 0;
        buildIdx.size = 0;
        List<FieldVector> columns = new ArrayList<>();
        try {
            RecordBatch left = spec.buildIsLeft() ? build : probe;
            int[] leftIdx = spec.buildIsLeft() ? b : p;
            RecordBatch right = spec.buildIsLeft() ? probe : build;
            int[] rightIdx = spec.buildIsLeft() ? p : b;
            takeOrNull(left, leftIdx, columns);
            takeOrNull(right, rightIdx, columns);
        } catch (RuntimeException e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        pipeline.push(RecordBatch.of(spec.joinedSchema(), columns, p.length));
    }

    /** Appends the batch's columns taken at the indexes; index -1 gives null. */
    private void takeOrNull(RecordBatch batch, int[] idx, List<FieldVector> out) {
        boolean anyMissing = false;
        for (int i : idx) {
            if (i < 0) {
                anyMissing = true;
                break;
            }
        }
        Schema schema = batch.schema();
        if (batch.numRows() == 0) {
            for (Field f : schema.fields()) {
                FieldVector v = f.toArrow().createVector(allocator);
                v.setInitialCapacity(idx.length);
                v.allocateNew();
                v.setValueCount(idx.length);
                out.add(v);
            }
            return;
        }
        int[] safe = idx;
        if (anyMissing) {
            safe = idx.clone();
            for (int k = 0; k < safe.length; k++) {
                if (safe[k] < 0) {
                    safe[k] = 0;
                }
            }
        }
        for (int c = 0; c < batch.numColumns(); c++) {
            FieldVector v = Selection.take(batch.vector(c), schema.field(c).type(), safe, allocator);
            if (anyMissing) {
                for (int k = 0; k < idx.length; k++) {
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

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
