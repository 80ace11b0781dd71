package dev.floe.operators.blocking;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.GroupTable;
import dev.floe.arrow.kernels.agg.Accumulator;
import dev.floe.arrow.kernels.Hashing;
import dev.floe.arrow.kernels.Selection;
import dev.floe.operators.spill.SpillFile;
import dev.floe.operators.step.Emitter;
import dev.floe.operators.step.Step;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Hash aggregation. The input's first {@code numKeys} columns are the group keys. PARTIAL folds raw
 * values and emits keys + partial states (flushing when the table passes {@code flushGroups}
 * groups, since a partial result is always correct); FINAL merges partial states; COMPLETE folds raw
 * values and emits final values. Without keys, FINAL and COMPLETE emit one row even for empty input.
 *
 * @param describe the plan line this step runs under
 */
public record AggregateSpec(Mode mode, Schema inputSchema, int numKeys, List<AggCall> aggs, Schema outputSchema,
        long flushGroups, String describe) implements StepSpec {

    public enum Mode { PARTIAL, FINAL, COMPLETE }

    public AggregateSpec {
        aggs = List.copyOf(aggs);
    }

    static final int MAX_OUTPUT_ROWS = 65_536;

    /**
     * A partial aggregate emits and starts over past {@code flushGroups} groups, so it needs no
     * reservation; final and complete aggregates hold every group (and spill past the budget).
     */
    @Override
    public int managedMemoryWeight() {
        return mode == Mode.PARTIAL ? 0 : BLOCKING_WEIGHT;
    }

    /** Emits groups, not its input rows (a final aggregate's node states the partitioning it establishes). */
    @Override
    public boolean keepsColumns(List<String> columns) {
        return false;
    }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        return new HashAggregate(this, context, 0);
    }

    /** Partial state columns of each aggregation. */
    public static List<DataType> stateTypes(AggCall c) {
        return c.function().stateTypes(c.inputType(), c.options());
    }

    /**
     * The hash table and accumulators. FINAL and COMPLETE spill when the table outgrows half the
     * budget: the table freezes (no new groups), rows of groups it already has keep folding into
     * it, rows of new groups go to {@value #SPILL_PARTITIONS} spill files by a hash of the key; at
     * the end each file is aggregated on its own (recursively, with other hash bits), so every
     * group is finished in exactly one place.
     */
    private static final class HashAggregate implements Step {
        private static final int SPILL_PARTITIONS = 8;
        private static final int MAX_DEPTH = 3;
        private static final long[] MIX = {0xC2B2AE3D27D4EB4FL, 0x9E3779B97F4A7C15L, 0xD6E8FEB86659FD93L,
            0xFF51AFD7ED558CCDL};

        private final AggregateSpec spec;
        private final StepContext context;
        private final BufferAllocator allocator;
        private final List<DataType> keyTypes;
        private final int[] stateOffsets;
        private final int depth;
        private GroupTable table;
        private Accumulator[] accumulators;
        private SpillFile[] spilled;
        /** Group id of each row of the batch being folded, reused across batches. */
        private int[] groupIds = new int[0];

        HashAggregate(AggregateSpec spec, StepContext context, int depth) {
            this.spec = spec;
            this.context = context;
            this.allocator = context.allocator();
            this.depth = depth;
            this.keyTypes = spec.inputSchema.types().subList(0, spec.numKeys);
            this.stateOffsets = new int[spec.aggs.size()];
            int offset = spec.numKeys;
            for (int i = 0; i < spec.aggs.size(); i++) {
                stateOffsets[i] = offset;
                if (spec.mode == Mode.FINAL) {
                    offset += stateTypes(spec.aggs.get(i)).size();
                }
            }
            reset();
        }

        private void reset() {
            table = new GroupTable(keyTypes, allocator);
            accumulators = new Accumulator[spec.aggs.size()];
            for (int i = 0; i < accumulators.length; i++) {
                AggCall c = spec.aggs.get(i);
                accumulators[i] = c.function().create(c.inputType(), c.options(), allocator);
            }
        }

        @Override
        public long memoryInUse() {
            return sizeInBytes();
        }

        private long sizeInBytes() {
            long total = table.sizeInBytes();
            for (Accumulator a : accumulators) {
                total += a.sizeInBytes();
            }
            return total;
        }

        @Override
        public void push(RecordBatch input, Emitter out) {
            if (spilled != null) {
                pushFrozen(input);
                return;
            }
            try (input) {
                int n = input.numRows();
                if (groupIds.length < n) {
                    groupIds = new int[n];
                }
                table.insert(input.vectors().subList(0, spec.numKeys), n, groupIds);
                fold(input, groupIds, n);
            }
            if (spec.mode == Mode.PARTIAL) {
                if (table.numGroups() >= spec.flushGroups) {
                    emitAll(out);
                    close();
                    reset();
                }
            } else if (spec.numKeys > 0 && depth < MAX_DEPTH && sizeInBytes() > context.memoryBudget() / 2) {
                spilled = new SpillFile[SPILL_PARTITIONS];
                for (int p = 0; p < SPILL_PARTITIONS; p++) {
                    spilled[p] = context.spill().create("agg" + depth + "-" + p);
                }
            }
        }

        private void fold(RecordBatch input, int[] groups, int n) {
            int numGroups = table.numGroups();
            for (int i = 0; i < accumulators.length; i++) {
                AggCall c = spec.aggs.get(i);
                if (spec.mode == Mode.FINAL) {
                    int width = stateTypes(c).size();
                    accumulators[i].merge(input.vectors().subList(stateOffsets[i], stateOffsets[i] + width), groups, n,
                            numGroups);
                } else if (c.secondColumn() >= 0) {
                    accumulators[i].update(input.vector(c.inputColumn()), input.vector(c.secondColumn()), groups, n,
                            numGroups);
                } else {
                    FieldVector values = c.inputColumn() < 0 ? null : input.vector(c.inputColumn());
                    accumulators[i].update(values, groups, n, numGroups);
                }
            }
            if (spec.mode != Mode.PARTIAL) {
                checkValuesFit();
            }
        }

        /**
         * Functions that keep every value of a group (exact percentiles, lists, string joins) would
         * otherwise outgrow the operator's memory: new groups spill by key, but the values of
         * groups already held cannot, so past the allocator's limit (twice the budget) this fails
         * with what to do instead of an out-of-memory error deep in a kernel.
         */
        private void checkValuesFit() {
            long limit = 2 * context.memoryBudget();
            for (int i = 0; i < accumulators.length; i++) {
                AggCall c = spec.aggs.get(i);
                if (c.function().keepsValues() && accumulators[i].sizeInBytes() > limit) {
                    throw new IllegalStateException(String.format(
                            "%s: %s keeps every value of a group and now holds %d MiB for %d groups, more than "
                            + "this operator's %d MiB (twice its memory budget). Give it more memory "
                            + "(floe.operator.memory-budget or taskmanager.memory.managed.size), group by more "
                            + "keys, or use an approximate aggregation (approxPercentile for median/percentile).",
                            spec.describe, c.function().sqlName(), accumulators[i].sizeInBytes() >> 20,
                            table.numGroups(), limit >> 20));
                }
            }
        }

        /** Frozen table: known groups fold in, rows of new groups go to disk by key hash. */
        private void pushFrozen(RecordBatch input) {
            try (input) {
                int n = input.numRows();
                List<FieldVector> keys = input.vectors().subList(0, spec.numKeys);
                int[] groups = table.find(keys, n);
                int known = 0;
                for (int g : groups) {
                    if (g >= 0) {
                        known++;
                    }
                }
                if (known == n) {
                    fold(input, groups, n);
                    return;
                }
                int[] hit = new int[known];
                int[] hitGroups = new int[known];
                int[][] miss = new int[SPILL_PARTITIONS][];
                int[] missCount = new int[SPILL_PARTITIONS];
                long[] hashes = Hashing.hashRows(keys, keyTypes, n);
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (groups[i] >= 0) {
                        hit[k] = i;
                        hitGroups[k++] = groups[i];
                    } else {
                        int p = (int) ((hashes[i] * MIX[depth]) >>> 61);
                        if (miss[p] == null) {
                            miss[p] = new int[n];
                        }
                        miss[p][missCount[p]++] = i;
                    }
                }
                if (known > 0) {
                    try (RecordBatch found = Selection.take(input, hit, allocator)) {
                        fold(found, hitGroups, known);
                    }
                }
                for (int p = 0; p < SPILL_PARTITIONS; p++) {
                    if (missCount[p] > 0) {
                        try (RecordBatch rows = Selection.take(input, Arrays.copyOf(miss[p], missCount[p]), allocator)) {
                            spilled[p].write(rows);
                        }
                    }
                }
            }
        }

        @Override
        public void finish(Emitter out) {
            if (spec.numKeys == 0 && table.numGroups() == 0 && spec.mode != Mode.PARTIAL) {
                table.insert(List.of(), 1);
                for (int i = 0; i < accumulators.length; i++) {
                    AggCall c = spec.aggs.get(i);
                    if (c.inputColumn() < 0) {
                        accumulators[i].update(null, new int[0], 0, 1);
                    } else {
                        try (FieldVector empty = c.inputType().toArrowField("empty").createVector(allocator)) {
                            empty.setValueCount(0);
                            if (c.secondColumn() >= 0) {
                                accumulators[i].update(empty, empty, new int[0], 0, 1);
                            } else {
                                accumulators[i].update(empty, new int[0], 0, 1);
                            }
                        }
                    }
                }
            }
            emitAll(out);
            if (spilled == null) {
                return;
            }
            close();
            reset();
            for (SpillFile file : spilled) {
                try (HashAggregate part = new HashAggregate(spec, context, depth + 1);
                        SpillFile.Reader r = file.reader(spec.inputSchema, allocator)) {
                    for (RecordBatch b = r.next(); b != null; b = r.next()) {
                        part.push(b, out);
                    }
                    part.finish(out);
                }
            }
        }

        private void emitAll(Emitter out) {
            int numGroups = table.numGroups();
            if (numGroups == 0) {
                return;
            }
            List<FieldVector> columns = new ArrayList<>(spec.outputSchema.size());
            RecordBatch result;
            try {
                columns.addAll(table.keys(allocator));
                for (Accumulator a : accumulators) {
                    if (spec.mode == Mode.PARTIAL) {
                        columns.addAll(a.state(numGroups, allocator));
                    } else {
                        columns.add(a.finish(numGroups, allocator));
                    }
                }
                result = RecordBatch.of(spec.outputSchema, columns, numGroups);
            } catch (RuntimeException e) {
                columns.forEach(FieldVector::close);
                throw e;
            }
            emitInSlices(result, allocator, out);
        }

        @Override
        public void close() {
            table.close();
            for (Accumulator a : accumulators) {
                a.close();
            }
        }
    }

    /** Emits a large batch as slices of at most 64K rows (takes ownership). */
    public static void emitInSlices(RecordBatch batch, BufferAllocator allocator, Emitter out) {
        int n = batch.numRows();
        if (n <= MAX_OUTPUT_ROWS) {
            out.emit(batch);
            return;
        }
        try (batch) {
            for (int offset = 0; offset < n; offset += MAX_OUTPUT_ROWS) {
                out.emit(batch.slice(offset, Math.min(MAX_OUTPUT_ROWS, n - offset), allocator));
            }
        }
    }
}
