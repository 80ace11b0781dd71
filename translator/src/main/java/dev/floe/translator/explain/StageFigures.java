package dev.floe.translator.explain;

import dev.floe.api.JobReport;
import dev.floe.operators.exchange.BoundariesSpec;
import dev.floe.operators.exchange.SampleSpec;
import dev.floe.operators.runtime.FiguresAccumulator;
import dev.floe.operators.runtime.SubtaskFigures;
import dev.floe.operators.step.StepSpec;
import dev.floe.translator.physical.BroadcastJoinStage;
import dev.floe.translator.physical.Exchange;
import dev.floe.translator.physical.FileScanPlan;
import dev.floe.translator.physical.JoinStage;
import dev.floe.translator.physical.PhysicalPlan;
import dev.floe.translator.physical.PhysicalPlanVisitor;
import dev.floe.translator.physical.RangeExchange;
import dev.floe.translator.physical.ScanStage;
import dev.floe.translator.physical.StepStage;
import dev.floe.translator.physical.UnionPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the per-subtask figures a finished job sent back (one {@link FiguresAccumulator} per
 * operator) into {@link JobReport.Stage}s, each attached to the physical node that became the
 * operator. A range exchange is three operators (sample, boundaries, split), so a node maps to a
 * list; an exchange is none.
 *
 * <pre>{@code
 * StageFigures figures = StageFigures.of(plan, translator::operatorIds, jobResult.getAllAccumulatorResults());
 * figures.of(scanStage).get(0).rowsPerSubtask();
 * }</pre>
 */
public final class StageFigures {
    /** Names of the pruning figures a file scan's stage carries from the plan. */
    public static final String FILES_TOTAL = "files_total";
    public static final String FILES_SKIPPED = "files_skipped";
    public static final String ROW_GROUPS_TOTAL = "row_groups_total";
    public static final String ROW_GROUPS_SKIPPED = "row_groups_skipped";

    private final Map<PhysicalPlan, List<JobReport.Stage>> byNode;
    private final List<JobReport.Stage> ordered;

    private StageFigures(Map<PhysicalPlan, List<JobReport.Stage>> byNode, List<JobReport.Stage> ordered) {
        this.byNode = byNode;
        this.ordered = ordered;
    }

    /** What operator ids the translator gave a node (empty for an exchange). */
    @FunctionalInterface
    public interface OperatorIds {
        List<String> of(PhysicalPlan node);
    }

    /**
     * The figures of a finished job, by the steps of its physical plan.
     *
     * @param plan         the physical plan the job ran
     * @param ids          the operator ids (hex) of each node, in the order {@link #stepLines} lists its operators
     * @param accumulators the finished job's accumulator results by name
     * @return the figures of each step, keyed by its plan node
     */
    public static StageFigures of(PhysicalPlan plan, OperatorIds ids, Map<String, Object> accumulators) {
        Map<PhysicalPlan, List<JobReport.Stage>> byNode = new IdentityHashMap<>();
        List<JobReport.Stage> ordered = new ArrayList<>();
        collect(plan, ids, accumulators, byNode, ordered);
        return new StageFigures(byNode, ordered);
    }

    private static void collect(PhysicalPlan node, OperatorIds ids, Map<String, Object> accumulators,
            Map<PhysicalPlan, List<JobReport.Stage>> byNode, List<JobReport.Stage> ordered) {
        List<String> opIds = ids.of(node);
        List<List<String>> operators = operators(node);
        if (!opIds.isEmpty() && opIds.size() == operators.size()) {
            List<JobReport.Stage> stages = new ArrayList<>();
            for (int i = 0; i < opIds.size(); i++) {
                stages.add(stage(node, operators.get(i), i == 0 ? pruning(node) : Map.of(),
                        subtasks(accumulators.get(FiguresAccumulator.name(opIds.get(i))))));
            }
            byNode.put(node, stages);
            ordered.addAll(stages);
        }
        for (PhysicalPlan c : node.children()) {
            collect(c, ids, accumulators, byNode, ordered);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<SubtaskFigures> subtasks(Object accumulated) {
        if (!(accumulated instanceof List<?> list)) {
            return List.of();
        }
        List<SubtaskFigures> s = new ArrayList<>((List<SubtaskFigures>) list);
        s.sort(Comparator.comparingInt(SubtaskFigures::subtask));
        return s;
    }

    /** The stages of the node (empty for an exchange or a node the job did not report). */
    public List<JobReport.Stage> of(PhysicalPlan node) {
        return byNode.getOrDefault(node, List.of());
    }

    /** Every stage, in the order the plan prints its nodes. */
    public List<JobReport.Stage> stages() {
        return ordered;
    }

    private static JobReport.Stage stage(PhysicalPlan node, List<String> stepNames, Map<String, Long> planExtras,
            List<SubtaskFigures> subtasks) {
        List<Long> rowsPerSubtask = new ArrayList<>();
        long rowsOut = 0;
        long batchesIn = 0;
        long batchesOut = 0;
        long bytesIn = 0;
        long bytesOut = 0;
        long spillBytes = 0;
        long spillFiles = 0;
        long peak = 0;
        Map<String, Long> extras = new LinkedHashMap<>(planExtras);
        List<long[]> steps = new ArrayList<>();
        for (SubtaskFigures f : subtasks) {
            rowsPerSubtask.add(f.steps().isEmpty() ? f.rowsIn() : f.steps().get(0).rowsIn());
            rowsOut += f.rowsOut();
            batchesIn += f.batchesIn();
            batchesOut += f.batchesOut();
            bytesIn += f.bytesIn();
            bytesOut += f.bytesOut();
            spillBytes += f.spillBytes();
            spillFiles += f.spillFiles();
            peak = Math.max(peak, f.peakMemory());
            f.extras().forEach((k, v) -> extras.merge(k, v, Long::sum));
            for (int i = 0; i < f.steps().size(); i++) {
                if (steps.size() <= i) {
                    steps.add(new long[8]);
                }
                SubtaskFigures.Step s = f.steps().get(i);
                long[] sum = steps.get(i);
                sum[0] += s.rowsIn();
                sum[1] += s.rowsOut();
                sum[2] += s.batchesIn();
                sum[3] += s.batchesOut();
                sum[4] += s.timeNanos();
                sum[5] += s.cpuNanos();
                sum[6] += s.spillBytes();
                sum[7] = Math.max(sum[7], s.peakMemory());
            }
        }
        List<JobReport.Step> stepReports = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            long[] s = steps.get(i);
            String name = i < stepNames.size() ? stepNames.get(i) : subtasks.get(0).steps().get(i).name();
            stepReports.add(new JobReport.Step(name, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]));
        }
        String name = String.join(" -> ", stepNames);
        return new JobReport.Stage(name, subtasks.size(), rowsPerSubtask, rowsOut, batchesIn, batchesOut, bytesIn,
                bytesOut, spillBytes, spillFiles, peak, extras, stepReports);
    }

    /** A file scan's pruning, decided on the client before the job: files and row groups skipped. */
    private static Map<String, Long> pruning(PhysicalPlan node) {
        if (node instanceof ScanStage scan && scan.filePlan() != null) {
            FileScanPlan p = scan.filePlan();
            Map<String, Long> m = new LinkedHashMap<>();
            m.put(FILES_TOTAL, (long) p.filesTotal());
            m.put(FILES_SKIPPED, (long) p.filesSkipped());
            m.put(ROW_GROUPS_TOTAL, (long) p.rowGroupsTotal());
            m.put(ROW_GROUPS_SKIPPED, (long) p.rowGroupsSkipped());
            return m;
        }
        return Map.of();
    }

    /**
     * The step lines of each Flink operator the node becomes, in the order of its metric indices
     * ({@code step.<i>.*}): one list for a stage, three for a range exchange, none for an exchange.
     */
    public static List<List<String>> operators(PhysicalPlan node) {
        return node.accept(new PhysicalPlanVisitor<List<List<String>>>() {
            @Override
            public List<List<String>> visitScan(ScanStage scan) {
                return List.of(lines(scan.scanLine(), scan.steps()));
            }

            @Override
            public List<List<String>> visitSteps(StepStage steps) {
                return List.of(lines(null, steps.steps()));
            }

            @Override
            public List<List<String>> visitExchange(Exchange exchange) {
                return List.of();
            }

            @Override
            public List<List<String>> visitRangeExchange(RangeExchange range) {
                return List.of(List.of(new SampleSpec(range.spec()).describe()),
                        List.of(new BoundariesSpec(range.spec()).describe()), List.of(range.spec().describe()));
            }

            @Override
            public List<List<String>> visitJoin(JoinStage join) {
                String head = join.spec().describe() + " [" + join.strategy() + ", build "
                        + (join.spec().buildIsLeft() ? "left" : "right") + "]";
                return List.of(lines(head, join.spec().steps()));
            }

            @Override
            public List<List<String>> visitBroadcastJoins(BroadcastJoinStage joins) {
                return List.of(lines(null, joins.steps()));
            }

            /** Not an operator: the stage after it reads its inputs as one stream. */
            @Override
            public List<List<String>> visitUnion(UnionPlan union) {
                return List.of();
            }
        });
    }

    private static List<String> lines(String head, List<StepSpec> steps) {
        List<String> l = new ArrayList<>();
        if (head != null) {
            l.add(head);
        }
        for (StepSpec s : steps) {
            l.add(s.describe());
        }
        return l;
    }
}
