package dev.floe.translator.physical;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Explode;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.FileSource;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import dev.floe.api.plan.Write;
import dev.floe.operators.sink.WriteSpec;
import dev.floe.api.types.Schema;
import dev.floe.operators.blocking.SortSpec;
import dev.floe.operators.exchange.HashSplitSpec;
import dev.floe.operators.exchange.RangeSpec;
import dev.floe.operators.exchange.RoundRobinSplitSpec;
import dev.floe.operators.step.ExplodeSpec;
import dev.floe.operators.step.FilterSpec;
import dev.floe.operators.step.LimitSpec;
import dev.floe.operators.step.ProjectSpec;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns an optimized logical plan into stages. Stateless nodes (filter, project, local limit)
 * fuse into the stage below them; aggregations are two-phase around a hash exchange; joins hash
 * both sides or broadcast a small one ({@link JoinPlanner}); sorts range-partition; a global
 * limit gathers to one partition and limits again. The planner remembers which stages are
 * hash-partitioned on which columns and skips an exchange the data does not need.
 */
public final class PhysicalPlanner {
    /** Rows the range partitioner samples per input subtask. */
    static final int SAMPLES_PER_SUBTASK = 2048;

    private final int parallelism;
    private final long broadcastThreshold;
    /** Stages whose output is hash-partitioned (over {@link #parallelism} partitions) on these columns. */
    private final Map<PhysicalPlan, List<String>> hashedOn = new IdentityHashMap<>();

    public PhysicalPlanner(int parallelism) {
        this(parallelism, JoinPlanner.DEFAULT_BROADCAST_BYTES);
    }

    public PhysicalPlanner(int parallelism, long broadcastThreshold) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.broadcastThreshold = broadcastThreshold;
    }

    int parallelism() {
        return parallelism;
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
        if (logical instanceof Explode x) {
            return append(plan(x.input()), new ExplodeSpec(x.input().schema(), x.columns(), x.schema()));
        }
        if (logical instanceof Limit l) {
            return planLimit(l);
        }
        if (logical instanceof Aggregate a) {
            return new AggregatePlanner(this).plan(a);
        }
        if (logical instanceof Join j) {
            return new JoinPlanner(this, broadcastThreshold).plan(j);
        }
        if (logical instanceof Sort s) {
            return planSort(s);
        }
        if (logical instanceof Repartition r) {
            return planRepartition(r);
        }
        if (logical instanceof Write w) {
            return planWrite(w);
        }
        throw new IllegalArgumentException("No physical plan for " + logical.describe());
    }

    private PhysicalPlan planScan(Scan scan) {
        List<String> read = scan.columnsToRead();
        Schema readSchema = scan.source().schema().select(read);
        StringBuilder line = new StringBuilder("Scan: ").append(scan.source().describe());
        FileScanPlan filePlan = null;
        if (scan.source() instanceof FileSource files) {
            filePlan = FileScanPlan.of(files, scan.filters());
            if (!read.equals(files.schema().names())) {
                line.append(" columns=[").append(String.join(", ", read)).append(']');
            }
            String pruning = filePlan.describe();
            if (!pruning.isEmpty()) {
                line.append(' ').append(pruning);
            }
        }
        ScanStage stage = new ScanStage(scan.source(), read, readSchema, List.of(), parallelism, line.toString(),
                filePlan);
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
        if (limit.input() instanceof Sort sort) {
            return planTopN(sort, limit.n());
        }
        PhysicalPlan input = plan(limit.input());
        LimitSpec spec = new LimitSpec(limit.schema(), limit.n());
        // a limit pushed into the scan already ends the stage: do not limit twice
        PhysicalPlan local = endsWithLimitOf(input, limit.n()) ? input : append(input, spec);
        if (input.parallelism() == 1) {
            return local;
        }
        return new StepStage(new Exchange(local, Exchange.Kind.GATHER, 1), List.of(spec), 1);
    }

    /** {@code sort(...).limit(n)}: the first n rows of each partition, gathered, then the first n of those. */
    private PhysicalPlan planTopN(Sort sort, long n) {
        PhysicalPlan input = plan(sort.input());
        SortSpec topN = new SortSpec(sort.schema(), sort.keys(), n);
        PhysicalPlan local = append(input, topN);
        if (input.parallelism() == 1) {
            return local;
        }
        return new StepStage(new Exchange(local, Exchange.Kind.GATHER, 1), List.of(topN), 1);
    }

    private PhysicalPlan planSort(Sort sort) {
        PhysicalPlan input = plan(sort.input());
        SortSpec spec = new SortSpec(sort.schema(), sort.keys(), null);
        if (input.parallelism() == 1) {
            return append(input, spec);
        }
        RangeExchange range = new RangeExchange(input, new RangeSpec(sort.schema(), sort.keys(), parallelism,
                SAMPLES_PER_SUBTASK));
        return new StepStage(range, List.of(spec), parallelism, true);
    }

    private PhysicalPlan planRepartition(Repartition r) {
        PhysicalPlan input = plan(r.input());
        if (r.keys().isEmpty()) {
            return new StepStage(new Exchange(append(input, new RoundRobinSplitSpec(r.schema(), r.n())),
                    Exchange.Kind.ROUND_ROBIN, r.n()), List.of(), r.n());
        }
        return new StepStage(hashExchange(input, r.keys(), r.n()), List.of(), r.n());
    }

    /** Each subtask writes its files into a fresh staging directory that the client publishes on success. */
    private PhysicalPlan planWrite(Write write) {
        PhysicalPlan input = plan(write.input());
        String dir = write.dir().endsWith("/") ? write.dir().substring(0, write.dir().length() - 1) : write.dir();
        String staging = dir + "/" + WriteCommitter.STAGING_PREFIX + java.util.UUID.randomUUID();
        return append(input, new WriteSpec(write.input().schema(), write.format(), staging, dir,
                write.partitionColumns(), write.csv(), write.parquet(), write.schema(), write.describe()));
    }

    /** A hash exchange on the keys into n partitions (the split step fuses into the input stage). */
    Exchange hashExchange(PhysicalPlan input, List<Expr> keys, int n) {
        PhysicalPlan split = append(input, new HashSplitSpec(input.schema(), keys, n));
        Exchange e = new Exchange(split, Exchange.Kind.HASH, n,
                keys.stream().map(Expr::display).collect(Collectors.joining(", ")));
        List<String> names = plainColumns(keys);
        if (names != null && n == parallelism) {
            hashedOn.put(e, names);
        }
        return e;
    }

    /** The column names when every key is a plain column reference, else null. */
    static List<String> plainColumns(List<Expr> keys) {
        List<String> names = new ArrayList<>();
        for (Expr k : keys) {
            if (!(k instanceof Column c)) {
                return null;
            }
            names.add(c.name());
        }
        return names;
    }

    /** The columns the plan's output is hash-partitioned on (over the default parallelism), or null. */
    List<String> hashedOn(PhysicalPlan plan) {
        return hashedOn.get(plan);
    }

    void markHashedOn(PhysicalPlan plan, List<String> columns) {
        if (columns != null && plan.parallelism() == parallelism) {
            hashedOn.put(plan, columns);
        }
    }

    private static boolean endsWithLimitOf(PhysicalPlan stage, long n) {
        List<StepSpec> steps = stage instanceof ScanStage s ? s.steps()
                : stage instanceof StepStage s ? s.steps() : List.of();
        return !steps.isEmpty() && steps.get(steps.size() - 1) instanceof LimitSpec l && l.n() <= n;
    }

    /** Fuses a step into the stage (or starts a stage after an exchange), keeping what stays true of its partitioning. */
    PhysicalPlan append(PhysicalPlan stage, StepSpec step) {
        PhysicalPlan out;
        if (stage instanceof ScanStage s) {
            out = s.withStep(step);
        } else if (stage instanceof StepStage s) {
            out = s.withStep(step);
        } else if (stage instanceof JoinStage j) {
            out = j.withStep(step);
        } else if (stage instanceof BroadcastJoinStage b) {
            out = b.withStep(step);
        } else {
            out = new StepStage(stage, List.of(step), stage.parallelism());
        }
        List<String> keys = hashedOn.get(stage);
        if (keys != null && keepsColumns(step, keys)) {
            hashedOn.put(out, keys);
        }
        return out;
    }

    /** True when the step passes these columns through unchanged (so partitioning on them holds). */
    private static boolean keepsColumns(StepSpec step, List<String> columns) {
        if (step instanceof FilterSpec || step instanceof LimitSpec || step instanceof SortSpec) {
            return true;
        }
        if (step instanceof ProjectSpec p) {
            for (String c : columns) {
                boolean kept = false;
                for (Expr e : p.exprs()) {
                    if (e instanceof Column col && col.name().equals(c)) {
                        kept = true;
                    }
                }
                if (!kept) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Indented text of the physical plan, one node per line, with parallelism. */
    public static String print(PhysicalPlan plan) {
        StringBuilder sb = new StringBuilder();
        print(plan, 0, sb);
        return sb.toString();
    }

    private static void print(PhysicalPlan plan, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(plan.explainLine()).append('\n');
        for (PhysicalPlan c : plan.children()) {
            print(c, depth + 1, sb);
        }
    }
}
