package dev.floe.operators.blocking;

import dev.floe.api.ExecutionException;
import dev.floe.api.eval.CompiledExpr;
import dev.floe.api.eval.ExprCompiler;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.GroupTable;
import dev.floe.arrow.kernels.Selection;
import dev.floe.arrow.kernels.Sorting;
import dev.floe.operators.step.KeyColumns;
import dev.floe.operators.step.Pipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * The in-memory half of a hash join: the whole build side in one batch, a hash table from key to
 * the build rows with that key, and which build rows found a partner. Probe batches stream through
 * {@link #probe}; joined rows go into the pipeline as wide batches.
 *
 * <p>With a residual condition the key-equal pairs are candidates: the residual is evaluated on
 * them in chunks (only the columns it reads are taken), and only the pairs where it is true count
 * as matches, for the output and for which rows an outer, SEMI or ANTI join sees as matched. With
 * an as-of match each key group's build rows are sorted by the as-of value once, and each probe
 * row binary-searches its group for the last value at most its own.
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
    // residual condition: the wide columns it reads and its candidate pairs
    private final Residual residual;
    private final IntList candProbe = new IntList();
    private final IntList candBuild = new IntList();
    private long[] probeHit = new long[0];
    // as-of match: each group's build rows sorted by the build value, null values left out
    private final KeyColumns probeAsof;
    private KeyColumns.Values buildAsof;

    /** Takes ownership of the build batches. */
    JoinTable(JoinSpec spec, List<RecordBatch> buildBatches, BufferAllocator allocator, Pipeline pipeline) {
        this.spec = spec;
        this.allocator = allocator;
        this.pipeline = pipeline;
        this.probeKeys = KeyColumns.bind(spec.probeKeys(), spec.probeSchema());
        this.residual = spec.residual() == null ? null : new Residual(spec);
        this.probeAsof = spec.asof() == null ? null : KeyColumns.bind(List.of(spec.asof().probe()), spec.probeSchema());
        try {
            checkNestedLoopSize(spec, buildBatches);
            build = Concat.concat(spec.buildSchema(), buildBatches, allocator);
        } finally {
            buildBatches.forEach(RecordBatch::close);
        }
        int n = build.numRows();
        matched = new long[(n + 63) / 64];
        try {
            index(n);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Groups the build rows by key (and sorts each group by the as-of value). */
    private void index(int n) {
        int[] order = null;
        if (spec.asof() != null) {
            buildAsof = KeyColumns.bind(List.of(spec.asof().build()), spec.buildSchema()).evaluate(build, allocator);
            FieldVector v = buildAsof.vectors().get(0);
            order = Sorting.sortIndices(buildAsof.vectors(), List.of(asofType()),
                    List.of(Sorting.Order.of(false)), n);
            int nonNull = n - v.getNullCount();
            order = Arrays.copyOf(order, nonNull); // nulls sort last and never match
        }
        if (spec.buildKeys().isEmpty()) {
            if (order != null) {
                groupStart = new int[] {0, order.length};
                groupRows = order;
            }
            return;
        }
        KeyColumns keys = KeyColumns.bind(spec.buildKeys(), spec.buildSchema());
        // sized for one group per row up to a million rows (keys often repeat; the table grows past that)
        table = new GroupTable(keys.types(), Math.min(n, 1 << 20), allocator);
        int[] groups;
        try (KeyColumns.Values k = keys.evaluate(build, allocator)) {
            groups = table.insert(k.vectors(), n);
        }
        // rows of each group, contiguous: groupRows[groupStart[g] .. groupStart[g + 1]), in as-of order if any
        int numGroups = table.numGroups();
        int rows = order == null ? n : order.length;
        groupStart = new int[numGroups + 1];
        for (int k = 0; k < rows; k++) {
            groupStart[groups[order == null ? k : order[k]] + 1]++;
        }
        for (int g = 0; g < numGroups; g++) {
            groupStart[g + 1] += groupStart[g];
        }
        int[] fill = Arrays.copyOf(groupStart, numGroups);
        groupRows = new int[rows];
        for (int k = 0; k < rows; k++) {
            int i = order == null ? k : order[k];
            groupRows[fill[groups[i]]++] = i;
        }
    }

    private dev.floe.api.types.DataType asofType() {
        return probeAsof.types().get(0);
    }

    /** A keyless join that tests a condition on every pair holds its whole build side in every task: bounded. */
    private static void checkNestedLoopSize(JoinSpec spec, List<RecordBatch> batches) {
        if (!spec.buildKeys().isEmpty() || spec.residual() == null || spec.maxBuildBytes() <= 0) {
            return;
        }
        long bytes = 0;
        long rows = 0;
        for (RecordBatch b : batches) {
            bytes += b.sizeInBytes();
            rows += b.numRows();
        }
        if (bytes > spec.maxBuildBytes()) {
            throw new ExecutionException("The nested-loop join '" + spec.describe() + "' holds its " + (spec.buildIsLeft()
                    ? "left" : "right") + " side in every task, and that side has " + rows + " rows (" + mib(bytes)
                    + "), more than " + spec.setting() + " = " + mib(spec.maxBuildBytes()) + ". Add an equality between "
                    + "the two sides to the condition (it becomes a hash join), filter that side first, or raise "
                    + spec.setting() + ".");
        }
    }

    private static String mib(long bytes) {
        if (bytes < 1 << 20) {
            return bytes + " bytes";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Bytes the build side holds. */
    long sizeInBytes() {
        return build.sizeInBytes() + (table == null ? 0 : table.sizeInBytes()) + 4L * build.numRows() * 2
                + (buildAsof == null ? 0 : buildAsof.owned().stream().mapToLong(v -> v.getBufferSize()).sum());
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
        if (spec.asof() != null) {
            probeAsof(probe, groups, n);
            return;
        }
        if (residual != null) {
            probeWithResidual(probe, groups, n);
            return;
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

    /** Each probe row with the last build row of its group whose as-of value is at most its own, or nulls. */
    private void probeAsof(RecordBatch probe, int[] groups, int n) {
        boolean keepProbe = spec.mode().keepsUnmatchedProbe();
        try (KeyColumns.Values pv = probeAsof.evaluate(probe, allocator)) {
            FieldVector values = pv.vectors().get(0);
            List<FieldVector> probeList = pv.vectors();
            List<FieldVector> buildList = buildAsof.vectors();
            List<dev.floe.api.types.DataType> types = List.of(asofType());
            List<Sorting.Order> orders = List.of(Sorting.Order.of(false));
            for (int i = 0; i < n; i++) {
                int found = -1;
                int g = groups == null ? 0 : groups[i];
                if (g >= 0 && groupStart != null && !values.isNull(i)) {
                    // last position in [from, to) whose build value is <= the probe value
                    int lo = groupStart[g];
                    int hi = groupStart[g + 1] - 1;
                    while (lo <= hi) {
                        int mid = (lo + hi) >>> 1;
                        if (Sorting.compareRows(buildList, groupRows[mid], probeList, i, types, orders) <= 0) {
                            found = groupRows[mid];
                            lo = mid + 1;
                        } else {
                            hi = mid - 1;
                        }
                    }
                }
                if (found >= 0 || keepProbe) {
                    probeIdx.add(i);
                    buildIdx.add(found);
                }
                if (probeIdx.size >= OUTPUT_ROWS) {
                    emitPairs(probe, probeIdx, buildIdx);
                }
            }
        }
        emitPairs(probe, probeIdx, buildIdx);
    }

    /**
     * Key-equal pairs are candidates; the residual decides which match. Unmatched probe rows (outer
     * joins) follow the batch's matches; SEMI/ANTI keep the probe rows with / without a match.
     */
    private void probeWithResidual(RecordBatch probe, int[] groups, int n) {
        int words = (n + 63) / 64;
        if (probeHit.length < words) {
            probeHit = new long[words];
        }
        Arrays.fill(probeHit, 0, words, 0L);
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
                continue;
            }
            for (int j = from; j < to; j++) {
                candProbe.add(i);
                candBuild.add(groups == null ? j : groupRows[j]);
                if (candProbe.size >= OUTPUT_ROWS) {
                    testCandidates(probe);
                }
            }
        }
        testCandidates(probe);
        if (spec.mode().filtersProbe()) {
            if (keep.length < n) {
                keep = new int[n];
            }
            boolean semi = spec.mode() == JoinSpec.Mode.SEMI;
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (((probeHit[i >>> 6] & (1L << i)) != 0) == semi) {
                    keep[count++] = i;
                }
            }
            if (count > 0) {
                pipeline.push(count == n ? probe.slice(0, n, allocator) : Selection.take(probe, keep, count, allocator));
            }
            return;
        }
        if (spec.mode().keepsUnmatchedProbe()) {
            for (int i = 0; i < n; i++) {
                if ((probeHit[i >>> 6] & (1L << i)) == 0) {
                    probeIdx.add(i);
                    buildIdx.add(-1);
                    if (probeIdx.size >= OUTPUT_ROWS) {
                        emitPairs(probe, probeIdx, buildIdx);
                    }
                }
            }
        }
        emitPairs(probe, probeIdx, buildIdx);
    }

    /** Evaluates the residual on the candidate pairs; the true ones are matches. */
    private void testCandidates(RecordBatch probe) {
        int count = candProbe.size;
        if (count == 0) {
            return;
        }
        int[] p = candProbe.values;
        int[] b = candBuild.values;
        candProbe.size = 0;
        candBuild.size = 0;
        boolean trackBuild = spec.mode().keepsUnmatchedBuild();
        boolean pairsOut = !spec.mode().filtersProbe();
        try (BitVector mask = residual.evaluate(spec.buildIsLeft() ? build : probe, spec.buildIsLeft() ? b : p,
                spec.buildIsLeft() ? probe : build, spec.buildIsLeft() ? p : b, count, allocator)) {
            for (int k = 0; k < count; k++) {
                if (mask.isNull(k) || mask.get(k) == 0) {
                    continue;
                }
                probeHit[p[k] >>> 6] |= 1L << p[k];
                if (trackBuild) {
                    matched[b[k] >>> 6] |= 1L << b[k];
                }
                if (pairsOut) {
                    probeIdx.add(p[k]);
                    buildIdx.add(b[k]);
                }
            }
        }
        if (probeIdx.size >= OUTPUT_ROWS) {
            emitPairs(probe, probeIdx, buildIdx);
        }
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
        if (buildAsof != null) {
            buildAsof.close();
        }
    }

    /** The residual condition compiled over the wide columns it reads. */
    private static final class Residual {
        private final Schema schema;
        private final int[] leftColumns;   // per column read: index into the left side, or -1
        private final int[] rightColumns;  // per column read: index into the right side, or -1
        private final CompiledExpr compiled;

        Residual(JoinSpec spec) {
            Schema left = spec.buildIsLeft() ? spec.buildSchema() : spec.probeSchema();
            Schema right = spec.buildIsLeft() ? spec.probeSchema() : spec.buildSchema();
            Schema wide = JoinSpec.wide(left, right);
            List<String> refs = spec.residual().columnRefs();
            schema = wide.select(refs);
            leftColumns = new int[refs.size()];
            rightColumns = new int[refs.size()];
            for (int c = 0; c < refs.size(); c++) {
                int index = wide.indexOf(refs.get(c));
                leftColumns[c] = index < left.size() ? index : -1;
                rightColumns[c] = index < left.size() ? -1 : index - left.size();
            }
            compiled = ExprCompiler.compile(spec.residual(), schema);
        }

        /** The condition on pairs (left[li[k]], right[ri[k]]) for k < n; the caller closes the mask. */
        BitVector evaluate(RecordBatch left, int[] li, RecordBatch right, int[] ri, int n, BufferAllocator allocator) {
            List<FieldVector> columns = new ArrayList<>(leftColumns.length);
            try {
                for (int c = 0; c < leftColumns.length; c++) {
                    boolean fromLeft = leftColumns[c] >= 0;
                    RecordBatch side = fromLeft ? left : right;
                    int column = fromLeft ? leftColumns[c] : rightColumns[c];
                    columns.add(Selection.take(side.vector(column), side.schema().field(column).type(),
                            fromLeft ? li : ri, n, allocator));
                }
            } catch (RuntimeException e) {
                columns.forEach(FieldVector::close);
                throw e;
            }
            try (RecordBatch pairs = RecordBatch.of(schema, columns, n)) {
                return (BitVector) compiled.evaluate(pairs, allocator);
            }
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
