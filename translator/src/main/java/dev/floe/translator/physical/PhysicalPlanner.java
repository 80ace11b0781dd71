package dev.floe.translator.physical;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.Schema;
import dev.floe.operators.step.FilterSpec;
import dev.floe.operators.step.LimitSpec;
import dev.floe.operators.step.ProjectSpec;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an optimized logical plan into stages. Stateless nodes (filter, project, local limit)
 * fuse into the stage below them; a global limit gathers to one partition and limits again.
 */
public final class PhysicalPlanner {
    private final int parallelism;

    public PhysicalPlanner(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    public PhysicalPlan plan(LogicalPlan logical) {
        if (logical instanceof Scan scan) {
            return planScan(scan);
        }
        if (logical instanceof Filter f) {
            return append(plan(f.input()), new FilterSpec(f.input().schema(), f.predicate()));
        }
        if (logical instanceof Project p) {
            return append(plan(p.input()), new ProjectSpec(p.input().schema(), p.exprs(), p.schema()));
        }
        if (logical instanceof Limit l) {
            return planLimit(l);
        }
        throw new IllegalArgumentException("No physical plan for " + logical.describe());
    }

    private PhysicalPlan planScan(Scan scan) {
        List<String> read = scan.columnsToRead();
        Schema readSchema = scan.source().schema().select(read);
        ScanStage stage = new ScanStage(scan.source(), read, readSchema, List.of(), parallelism, "Scan: "
                + scan.source().describe());
        for (Expr f : scan.filters()) {
            stage = stage.withStep(new FilterSpec(readSchema, f));
        }
        Schema out = scan.schema();
        if (!out.equals(readSchema)) {
            List<Expr> cols = new ArrayList<>();
            for (String c : out.names()) {
                cols.add(new Column(c));
            }
            stage = stage.withStep(new ProjectSpec(readSchema, cols, out));
        }
        if (scan.limit() != null) {
            stage = stage.withStep(new LimitSpec(out, scan.limit()));
        }
        return stage;
    }

    private PhysicalPlan planLimit(Limit limit) {
        PhysicalPlan input = plan(limit.input());
        LimitSpec spec = new LimitSpec(limit.schema(), limit.n());
        // a limit pushed into the scan already ends the stage: do not limit twice
        PhysicalPlan local = endsWithLimitOf(input, limit.n()) ? input : append(input, spec);
        if (input.parallelism() == 1) {
            return local;
        }
        return new StepStage(new Exchange(local, Exchange.Kind.GATHER, 1), List.of(spec), 1);
    }

    private static boolean endsWithLimitOf(PhysicalPlan stage, long n) {
        List<StepSpec> steps = stage instanceof ScanStage s ? s.steps()
                : stage instanceof StepStage s ? s.steps() : List.of();
        return !steps.isEmpty() && steps.get(steps.size() - 1) instanceof LimitSpec l && l.n() <= n;
    }

    private static PhysicalPlan append(PhysicalPlan stage, StepSpec step) {
        if (stage instanceof ScanStage s) {
            return s.withStep(step);
        }
        if (stage instanceof StepStage s) {
            return s.withStep(step);
        }
        Exchange e = (Exchange) stage;
        return new StepStage(e, List.of(step), e.parallelism());
    }

    /** Indented text of the physical plan, one node per line, with parallelism. */
    public static String print(PhysicalPlan plan) {
        StringBuilder sb = new StringBuilder();
        print(plan, 0, sb);
        return sb.toString();
    }

    private static void print(PhysicalPlan plan, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(plan.describe());
        if (!(plan instanceof Exchange)) {
            sb.append("  [parallelism ").append(plan.parallelism()).append(']');
        }
        sb.append('\n');
        for (PhysicalPlan c : plan.children()) {
            print(c, depth + 1, sb);
        }
    }
}
