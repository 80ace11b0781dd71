package dev.floe.translator.physical;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Explode;
import dev.floe.api.plan.Expand;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.LogicalPlanVisitor;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.FileSource;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import dev.floe.api.plan.Write;
import dev.floe.api.plan.Deduplicate;
import dev.floe.api.plan.Offset;
import dev.floe.api.plan.Replicate;
import dev.floe.api.plan.Sample;
import dev.floe.api.plan.Union;
import dev.floe.operators.step.DeduplicateSpec;
import dev.floe.operators.step.OffsetSpec;
import dev.floe.operators.step.ReplicateSpec;
import dev.floe.operators.step.RowSampleSpec;
import dev.floe.operators.sink.WriteSpec;
import dev.floe.api.types.Schema;
import dev.floe.operators.blocking.SortSpec;
import dev.floe.operators.exchange.RangeSpec;
import dev.floe.operators.step.ExpandSpec;
import dev.floe.operators.step.ExplodeSpec;
import dev.floe.operators.step.FilterSpec;
import dev.floe.operators.step.LimitSpec;
import dev.floe.operators.step.ProjectSpec;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an optimized logical plan into stages, in three steps: {@link #nodes} translates each
 * logical node into physical nodes that state their required input distribution and output
 * partitioning (stateless nodes become streaming steps; aggregations are two-phase around their
 * keys, or run once where the input is already partitioned on them ({@link AggregatePlanner});
 * joins hash both sides or broadcast a small one ({@link JoinPlanner}); sorts need range
 * partitioning; a global limit limits locally, then once more in one partition);
 * {@link EnforceDistribution} places the exchanges the data needs; {@link FuseStages} fuses the
 * steps between exchanges into stages.
 */
public final class PhysicalPlanner {
    /** Rows the range partitioner samples per input subtask. */
    static final int SAMPLES_PER_SUBTASK = 2048;

    /** The setting that bounds a nested-loop join's build side (held in every task that runs the join). */
    public static final String NESTED_LOOP_SETTING = "floe.join.nested-loop-max-bytes";

    /** Its default. */
    public static final long DEFAULT_NESTED_LOOP_BYTES = 64L << 20;

    private final int parallelism;
    private final long broadcastThreshold;
    private final long nestedLoopMaxBytes;

    public PhysicalPlanner(int parallelism) {
        this(parallelism, JoinPlanner.DEFAULT_BROADCAST_BYTES);
    }

    public PhysicalPlanner(int parallelism, long broadcastThreshold) {
        this(parallelism, broadcastThreshold, JoinPlanner.DEFAULT_NESTED_LOOP_BYTES);
    }

    /** With the bound on a nested-loop join's build side ({@code floe.join.nested-loop-max-bytes}). */
    public PhysicalPlanner(int parallelism, long broadcastThreshold, long nestedLoopMaxBytes) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.broadcastThreshold = broadcastThreshold;
        this.nestedLoopMaxBytes = nestedLoopMaxBytes;
    }

    public PhysicalPlan plan(LogicalPlan logical) {
        return FuseStages.apply(EnforceDistribution.apply(nodes(logical)));
    }

    /** The physical nodes of a logical plan, before exchanges are placed; each node receives its planned inputs. */
    public PhysicalNode nodes(LogicalPlan logical) {
        List<PhysicalNode> inputs = new ArrayList<>();
        for (LogicalPlan child : logical.children()) {
            inputs.add(nodes(child));
        }
        return translate(logical, inputs);
    }

    private PhysicalNode translate(LogicalPlan logical, List<PhysicalNode> inputs) {
        return logical.accept(new Translation(inputs));
    }

    /**
     * Translates one logical node over its already planned inputs; a {@link LogicalPlanVisitor}, so
     * a new logical node does not compile until it says here what it becomes.
     */
    private final class Translation implements LogicalPlanVisitor<PhysicalNode> {
        private final List<PhysicalNode> inputs;

        Translation(List<PhysicalNode> inputs) {
            this.inputs = inputs;
        }

        private PhysicalNode input() {
            return inputs.get(0);
        }

        @Override
        public PhysicalNode visitScan(Scan scan) {
            return new ScanNode(planScan(scan));
        }

        @Override
        public PhysicalNode visitFilter(Filter f) {
            return new StepNode(input(), new FilterSpec(f.input().schema(), f.predicate()));
        }

        @Override
        public PhysicalNode visitProject(Project p) {
            return new StepNode(input(), new ProjectSpec(p.input().schema(), p.exprs(), p.schema()));
        }

        @Override
        public PhysicalNode visitExplode(Explode x) {
            return new StepNode(input(), new ExplodeSpec(x.input().schema(), x.columns(), x.schema(), x.position(),
                    x.keepEmpty(), x.describe()));
        }

        @Override
        public PhysicalNode visitExpand(Expand x) {
            return new StepNode(input(), new ExpandSpec(x.input().schema(), x.projections(), x.schema(), x.describe()));
        }

        @Override
        public PhysicalNode visitLimit(Limit l) {
            return planLimit(l, input());
        }

        @Override
        public PhysicalNode visitAggregate(Aggregate a) {
            return AggregatePlanner.plan(a, input(), parallelism);
        }

        @Override
        public PhysicalNode visitJoin(Join j) {
            return JoinPlanner.plan(j, input(), inputs.get(1), parallelism, broadcastThreshold, nestedLoopMaxBytes);
        }

        @Override
        public PhysicalNode visitSort(Sort s) {
            return new StepNode(input(), new SortSpec(s.schema(), s.keys(), null),
                    new Distribution.Ranged(new RangeSpec(s.schema(), s.keys(), parallelism, SAMPLES_PER_SUBTASK)), null);
        }

        @Override
        public PhysicalNode visitRepartition(Repartition r) {
            return new ExchangeNode(input(), r.keys().isEmpty() ? new Distribution.RoundRobin(r.n())
                    : new Distribution.Hashed(r.keys(), r.n()));
        }

        @Override
        public PhysicalNode visitWindow(dev.floe.api.plan.Window w) {
            return WindowPlanner.plan(w, input(), parallelism);
        }

        @Override
        public PhysicalNode visitWrite(Write w) {
            return planWrite(w, input());
        }

        /** The right side renamed to the left's names, so every input of the union has the union's schema. */
        @Override
        public PhysicalNode visitUnion(Union u) {
            PhysicalNode right = inputs.get(1);
            if (!u.right().schema().names().equals(u.schema().names())) {
                List<Expr> renames = new ArrayList<>();
                for (int i = 0; i < u.schema().size(); i++) {
                    renames.add(new dev.floe.api.expr.Alias(new Column(u.right().schema().field(i).name()),
                            u.schema().field(i).name()));
                }
                right = new StepNode(right, new ProjectSpec(u.right().schema(), renames, u.schema()));
            }
            return new UnionNode(List.of(input(), right));
        }

        @Override
        public PhysicalNode visitReplicate(Replicate r) {
            return new StepNode(input(), new ReplicateSpec(r.input().schema(), r.countColumn(), r.schema()));
        }

        @Override
        public PhysicalNode visitSample(Sample s) {
            return new StepNode(input(), new RowSampleSpec(s.schema(), s.fraction(), s.withReplacement(), s.seed()));
        }

        @Override
        public PhysicalNode visitOffset(Offset o) {
            return planOffset(o, input());
        }

        /**
         * The first row of each key where the rows are, then (unless the input is already hashed on
         * the keys) again after a hash exchange on the keys.
         */
        @Override
        public PhysicalNode visitDeduplicate(Deduplicate d) {
            List<Expr> keys = new ArrayList<>();
            for (String k : d.keys()) {
                keys.add(new Column(k));
            }
            Distribution byKeys = new Distribution.Hashed(keys, parallelism);
            PhysicalNode in = input();
            if (byKeys.satisfiedBy(in.outputPartitioning())) {
                return new StepNode(in, new DeduplicateSpec(d.schema(), d.keys(), d.describe() + " (input already partitioned)"));
            }
            PhysicalNode local = new StepNode(in, new DeduplicateSpec(d.schema(), d.keys(), "Partial" + d.describe()));
            return new StepNode(local, new DeduplicateSpec(d.schema(), d.keys(), "Final" + d.describe()), byKeys, d.keys());
        }

        /** A filled cache is a scan of its files; an empty or released one is its plan, planned in its place. */
        @Override
        public PhysicalNode visitCache(dev.floe.api.plan.Cache c) {
            dev.floe.api.plan.CachedSource kept = c.entry().source();
            if (kept != null) {
                return visitScan(Scan.of(kept));
            }
            return nodes(dev.floe.api.optimizer.Optimizer.standard().optimize(c.entry().plan()));
        }
    }

    private ScanStage planScan(Scan scan) {
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

    /**
     * The first n rows of each partition, then (over several partitions) the first n of those in
     * one; {@code sort(...).limit(n)} keeps the first n by the sort keys the same way (top-N).
     */
    private PhysicalNode planLimit(Limit limit, PhysicalNode input) {
        StepSpec last;
        PhysicalNode local;
        if (limit.input() instanceof Sort sort && input instanceof StepNode sorted && sorted.step() instanceof SortSpec) {
            last = new SortSpec(sort.schema(), sort.keys(), limit.n());
            local = new StepNode(sorted.input(), last);
        } else {
            last = new LimitSpec(limit.schema(), limit.n());
            // a limit pushed into the scan already ends the stage: do not limit twice
            local = endsWithLimitOf(input, limit.n()) ? input : new StepNode(input, last);
        }
        if (local.outputPartitioning().partitions() == 1) {
            return local;
        }
        return new StepNode(local, last, new Distribution.Single(), null);
    }

    /**
     * Skips the first n rows in one partition. Over a sort, that partition sorts again (a range
     * sort's partitions are each in order, but gathering them interleaves them); over anything
     * else, any n rows go.
     */
    private PhysicalNode planOffset(Offset offset, PhysicalNode input) {
        OffsetSpec skip = new OffsetSpec(offset.schema(), offset.n());
        if (input.outputPartitioning().partitions() == 1) {
            return new StepNode(input, skip);
        }
        if (offset.input() instanceof Sort sort && input instanceof StepNode sorted && sorted.step() instanceof SortSpec) {
            PhysicalNode one = new StepNode(sorted.input(), new SortSpec(sort.schema(), sort.keys(), null),
                    new Distribution.Single(), null);
            return new StepNode(one, skip);
        }
        return new StepNode(input, skip, new Distribution.Single(), null);
    }

    /** Each subtask writes its files into a fresh staging directory that the client publishes on success. */
    private PhysicalNode planWrite(Write write, PhysicalNode input) {
        String dir = write.dir().endsWith("/") ? write.dir().substring(0, write.dir().length() - 1) : write.dir();
        String staging = dir + "/" + WriteSpec.STAGING_PREFIX + java.util.UUID.randomUUID();
        return new StepNode(input, new WriteSpec(write.input().schema(), write.format(), staging, dir,
                write.partitionColumns(), write.csv(), write.parquet(), write.schema(), write.describe()));
    }

    /** True when the node already ends with a limit of at most n rows (pushed into its scan, or a limit below). */
    private static boolean endsWithLimitOf(PhysicalNode node, long n) {
        StepSpec last = node.accept(new PhysicalNodeVisitor<StepSpec>() {
            @Override
            public StepSpec visitScan(ScanNode scan) {
                List<StepSpec> steps = scan.stage().steps();
                return steps.isEmpty() ? null : steps.get(steps.size() - 1);
            }

            @Override public StepSpec visitStep(StepNode step) { return step.step(); }

            @Override public StepSpec visitExchange(ExchangeNode exchange) { return null; }

            @Override public StepSpec visitHashJoin(HashJoinNode join) { return null; }

            @Override public StepSpec visitBroadcastJoin(BroadcastJoinNode join) { return null; }

            @Override public StepSpec visitUnion(UnionNode union) { return null; }
        });
        return last instanceof LimitSpec l && l.n() <= n;
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
