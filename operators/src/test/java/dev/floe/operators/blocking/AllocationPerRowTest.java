package dev.floe.operators.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.agg.AggFunction;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import dev.floe.operators.step.FilterSpec;
import dev.floe.operators.step.Pipeline;
import dev.floe.operators.step.ProjectSpec;
import dev.floe.operators.step.StepContext;
import dev.floe.operators.step.StepSpec;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java heap allocated per row by warmed steps on primitive columns, measured with
 * {@code ThreadMXBean.getCurrentThreadAllocatedBytes}: filter, project, partial and complete hash
 * aggregation, a fused filter → project → partial aggregate, and a hash join probe. Per-batch
 * objects (vectors, lists, operands) are fine; anything sized by the row count is not, and shows
 * up here as 4 or 8 bytes per row. The bound is under 1 byte per row.
 *
 * <p>Each case pushes {@value #WARMUP} batches of {@value #ROWS} rows to warm the JIT and the
 * reused arrays, then measures {@value #RUNS} more batches on this thread. Batch data lives off
 * heap (Arrow), so only the steps' own Java objects count.
 */
class AllocationPerRowTest {
    private static final int ROWS = 65_536;
    private static final int KEYS = 1024;
    private static final int WARMUP = 300;
    private static final int RUNS = 200;
    private static final double MAX_BYTES_PER_ROW = 1.0;

    private static final Schema INPUT = Schema.of(Field.of("k", DataType.int64()), Field.of("v", DataType.float64()),
            Field.of("x", DataType.int64()));

    private LeakCheckingAllocator leakCheck;
    private BufferAllocator allocator;
    private StepContext context;
    private RecordBatch input;

    @BeforeEach
    void setUp() {
        leakCheck = new LeakCheckingAllocator("allocation-per-row");
        allocator = leakCheck.get();
        context = StepContext.unbounded(allocator, "allocation-per-row");
        input = primitiveBatch(allocator);
    }

    @AfterEach
    void tearDown() {
        input.close();
        leakCheck.close();
    }

    /** k: 1024 keys spread over the batch; v: doubles; x: a permutation of 0..n-1 (filters keep scattered rows). */
    private static RecordBatch primitiveBatch(BufferAllocator allocator) {
        BigIntVector k = new BigIntVector("k", allocator);
        Float8Vector v = new Float8Vector("v", allocator);
        BigIntVector x = new BigIntVector("x", allocator);
        k.allocateNew(ROWS);
        v.allocateNew(ROWS);
        x.allocateNew(ROWS);
        for (int i = 0; i < ROWS; i++) {
            k.set(i, (i * 7919L) % KEYS);
            v.set(i, i * 0.25);
            x.set(i, (i * 40_503L) % ROWS); // odd multiplier: a permutation
        }
        k.setValueCount(ROWS);
        v.setValueCount(ROWS);
        x.setValueCount(ROWS);
        return RecordBatch.of(INPUT, List.<FieldVector>of(k, v, x), ROWS);
    }

    private static Expr col(String name) {
        return new Column(name);
    }

    private static FilterSpec filter() {
        return new FilterSpec(INPUT, new Binary(BinaryOp.LT, col("x"), new Literal(ROWS / 2L, DataType.int64())));
    }

    private static ProjectSpec project() {
        List<Expr> exprs = List.of(col("k"),
                new Alias(new Binary(BinaryOp.MUL, col("v"), new Literal(2.0, DataType.float64())), "v"),
                new Alias(new Binary(BinaryOp.ADD, col("x"), new Literal(1L, DataType.int64())), "x"));
        List<Field> fields = new ArrayList<>();
        for (Expr e : exprs) {
            fields.add(new Field(e.name(), e.type(INPUT)));
        }
        return new ProjectSpec(INPUT, exprs, new Schema(fields));
    }

    private static final List<AggCall> AGGS = List.of(new AggCall(AggFunction.SUM, 1, DataType.float64(), 0),
            new AggCall(AggFunction.COUNT_ALL, -1, DataType.nullType(), 0),
            new AggCall(AggFunction.MIN, 2, DataType.int64(), 0),
            new AggCall(AggFunction.MEAN, 1, DataType.float64(), 0));

    private static AggregateSpec aggregate(AggregateSpec.Mode mode) {
        List<Field> fields = new ArrayList<>(INPUT.fields().subList(0, 1));
        for (int i = 0; i < AGGS.size(); i++) {
            List<DataType> types = mode == AggregateSpec.Mode.PARTIAL ? AggregateSpec.stateTypes(AGGS.get(i))
                    : List.of(i == 2 ? DataType.int64() : i == 1 ? DataType.int64() : DataType.float64());
            for (int j = 0; j < types.size(); j++) {
                fields.add(new Field("__s" + i + "_" + j, types.get(j)));
            }
        }
        return new AggregateSpec(mode, INPUT, 1, AGGS, new Schema(fields), Long.MAX_VALUE,
                "Aggregate: k, sum(v), count(), min(x), mean(v)");
    }

    @Test
    void filterAllocatesUnderOneBytePerRow() {
        assertUnderOneBytePerRow("filter", List.of(filter()));
    }

    @Test
    void projectAllocatesUnderOneBytePerRow() {
        assertUnderOneBytePerRow("project", List.of(project()));
    }

    @Test
    void partialHashAggregateAllocatesUnderOneBytePerRow() {
        assertUnderOneBytePerRow("partial hash aggregate", List.of(aggregate(AggregateSpec.Mode.PARTIAL)));
    }

    @Test
    void completeHashAggregateAllocatesUnderOneBytePerRow() {
        assertUnderOneBytePerRow("complete hash aggregate", List.of(aggregate(AggregateSpec.Mode.COMPLETE)));
    }

    @Test
    void fusedFilterProjectPartialAggregateAllocatesUnderOneBytePerRow() {
        assertUnderOneBytePerRow("filter -> project -> partial aggregate",
                List.of(filter(), project(), aggregate(AggregateSpec.Mode.PARTIAL)));
    }

    @Test
    void hashJoinProbeAllocatesUnderOneBytePerRow() {
        Schema buildSchema = Schema.of(Field.of("bk", DataType.int64()), Field.of("bv", DataType.float64()));
        BigIntVector bk = new BigIntVector("bk", allocator);
        Float8Vector bv = new Float8Vector("bv", allocator);
        bk.allocateNew(KEYS);
        bv.allocateNew(KEYS);
        for (int i = 0; i < KEYS; i++) {
            bk.set(i, i);
            bv.set(i, i * 0.5);
        }
        bk.setValueCount(KEYS);
        bv.setValueCount(KEYS);
        RecordBatch build = RecordBatch.of(buildSchema, List.<FieldVector>of(bk, bv), KEYS);
        JoinSpec spec = new JoinSpec(buildSchema, INPUT, List.of(col("bk")), List.of(col("k")), true,
                JoinSpec.Mode.INNER, List.of(), "Join: k = bk");
        long[] rowsOut = new long[1];
        try (Pipeline downstream = Pipeline.create(List.of(), context, (batch, partition) -> {
                    rowsOut[0] += batch.numRows();
                    batch.close();
                });
                JoinTable table = new JoinTable(spec, new ArrayList<>(List.of(build)), allocator, downstream)) {
            // every probe row has exactly one partner: 64K probe rows in, 64K joined rows out per batch
            double perRow = bytesPerRow("hash join probe", () -> table.probe(input));
            assertThat(rowsOut[0]).isEqualTo((long) (WARMUP + RUNS) * ROWS);
            assertThat(perRow).as("bytes allocated per probe row by the hash join").isLessThan(MAX_BYTES_PER_ROW);
        }
    }

    private void assertUnderOneBytePerRow(String what, List<StepSpec> steps) {
        long[] rowsOut = new long[1];
        try (Pipeline pipeline = Pipeline.create(steps, context, (batch, partition) -> {
            rowsOut[0] += batch.numRows();
            batch.close();
        })) {
            double perRow = bytesPerRow(what, () -> pipeline.push(input.slice(0, ROWS, allocator)));
            pipeline.finish();
            assertThat(rowsOut[0]).as("rows out of %s", what).isPositive();
            assertThat(perRow).as("bytes allocated per input row by %s", what).isLessThan(MAX_BYTES_PER_ROW);
        }
    }

    /** Runs one batch WARMUP times, then measures RUNS more on this thread: heap bytes per input row. */
    private static double bytesPerRow(String what, Runnable oneBatch) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARMUP; i++) {
            oneBatch.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < RUNS; i++) {
            oneBatch.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        double perRow = (double) allocated / ((long) RUNS * ROWS);
        System.out.printf("%s: %d bytes over %d batches of %d rows = %.4f bytes/row (%.0f bytes/batch)%n", what,
                allocated, RUNS, ROWS, perRow, (double) allocated / RUNS);
        return perRow;
    }
}
