package dev.floe.operators.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The accumulator Flink serializes with a task's state carries the figures of that moment (its live
 * view is not serializable), and the JobManager's merge keeps every subtask's figures.
 */
class FiguresAccumulatorTest {

    private static SubtaskFigures figures(int subtask, long rows) {
        return new SubtaskFigures(subtask, rows, 1, 100, rows, 1, 90, 0, 0, 4096, Map.of("row_groups_read", 2L),
                List.of(new SubtaskFigures.Step("Filter: x > 1", rows, rows / 2, 1, 1, 1000, 800, 0, 0)));
    }

    @SuppressWarnings("unchecked")
    private static FiguresAccumulator roundTrip(FiguresAccumulator a) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (FiguresAccumulator) in.readObject();
        }
    }

    @Test
    void serializingTakesTheLiveFiguresOfThatMoment() throws Exception {
        long[] rows = {10};
        FiguresAccumulator live = new FiguresAccumulator(() -> figures(3, rows[0]));
        rows[0] = 1234;
        FiguresAccumulator sent = roundTrip(live);
        rows[0] = 99; // later changes do not reach what was sent
        assertThat(sent.getLocalValue()).containsExactly(figures(3, 1234));
        assertThat(live.getLocalValue()).containsExactly(figures(3, 99));
    }

    @Test
    void mergingKeepsEverySubtask() throws Exception {
        FiguresAccumulator a = roundTrip(new FiguresAccumulator(() -> figures(0, 5)));
        FiguresAccumulator b = roundTrip(new FiguresAccumulator(() -> figures(1, 7)));
        FiguresAccumulator merged = a.clone();
        merged.merge(b);
        assertThat(merged.getLocalValue()).containsExactlyInAnyOrder(figures(0, 5), figures(1, 7));
        assertThat(a.getLocalValue()).containsExactly(figures(0, 5));
        merged.resetLocal();
        assertThat(merged.getLocalValue()).isEmpty();
    }

    @Test
    void aRuntimeReportsEveryRegisteredStepAndWhatItSpilled() {
        try (OperatorRuntime runtime = OperatorRuntime.standalone("test", 0)) {
            StepMetrics join = runtime.register(new StepMetrics("Join: a = b"));
            join.batchIn(42);
            SubtaskFigures f = runtime.figures(2);
            assertThat(f.subtask()).isEqualTo(2);
            assertThat(f.steps()).extracting(SubtaskFigures.Step::name).containsExactly("Join: a = b");
            assertThat(f.steps().get(0).rowsIn()).isEqualTo(42);
            assertThat(f.spillFiles()).isZero();
            runtime.spill().create("run");
            runtime.close(); // deletes the file; Flink reads the figures after the operator closed
            assertThat(runtime.figures(2).spillFiles()).as("files created, counted after their deletion").isEqualTo(1);
        }
    }
}
