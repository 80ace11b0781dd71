package dev.floe.translator.physical;

import dev.floe.api.plan.ScanSource;
import dev.floe.api.types.Schema;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a source and runs fused stateless steps on every batch inside the source operator.
 *
 * @param readColumns the source columns decoded, in order; {@code readSchema} is their schema
 * @param scanLine    the scan's one-line description
 * @param filePlan    for file sources, the files and row groups left after pruning; else null
 */
public record ScanStage(ScanSource source, List<String> readColumns, Schema readSchema, List<StepSpec> steps,
        int parallelism, String scanLine, FileScanPlan filePlan) implements PhysicalPlan {
    public ScanStage {
        readColumns = List.copyOf(readColumns);
        steps = List.copyOf(steps);
    }

    public ScanStage withStep(StepSpec step) {
        List<StepSpec> s = new ArrayList<>(steps);
        s.add(step);
        return new ScanStage(source, readColumns, readSchema, s, parallelism, scanLine, filePlan);
    }

    @Override
    public Schema schema() {
        return steps.isEmpty() ? readSchema : steps.get(steps.size() - 1).outputSchema();
    }

    @Override
    public List<PhysicalPlan> children() {
        return List.of();
    }

    @Override
    public String describe() {
        return Stages.join(scanLine, steps);
    }

    @Override public String explainLine() { return describe() + "  [parallelism " + parallelism + "]"; }

    /**
     * None: the steps run inside Flink's source operator, which reserves no managed memory (a
     * partial aggregate there flushes its groups; a local top-N keeps n rows).
     */
    @Override public int managedMemoryWeight() { return 0; }

    @Override public <R> R accept(PhysicalPlanVisitor<R> visitor) { return visitor.visitScan(this); }
}
