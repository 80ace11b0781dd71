package dev.floe.translator.flink;

import dev.floe.api.types.Schema;
import dev.floe.arrow.EncodedBatch;
import dev.floe.arrow.flink.EncodedBatchTypeInfo;
import dev.floe.operators.blocking.HashJoinOperator;
import dev.floe.operators.exchange.BoundariesSpec;
import dev.floe.operators.exchange.RangeSpec;
import dev.floe.operators.exchange.RangeSplitSpec;
import dev.floe.operators.exchange.SampleSpec;
import dev.floe.operators.source.FloeSource;
import dev.floe.operators.stage.BroadcastInputsOperator;
import dev.floe.operators.stage.PipelineOperator;
import dev.floe.translator.physical.BroadcastJoinStage;
import dev.floe.translator.physical.Exchange;
import dev.floe.translator.physical.JoinStage;
import dev.floe.translator.physical.PhysicalPlan;
import dev.floe.translator.physical.PhysicalPlanVisitor;
import dev.floe.translator.physical.RangeExchange;
import dev.floe.translator.physical.ScanStage;
import dev.floe.translator.physical.StepStage;
import dev.floe.translator.physical.UnionPlan;
import dev.floe.translator.explain.StageFigures;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.memory.ManagedMemoryUseCase;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.MultipleInputTransformation;

/**
 * Emits a physical plan as a DataStream program, one small method per node. Every operator is
 * named after the plan nodes it runs and gets a stable uid; every parallelism is set explicitly
 * (the adaptive batch scheduler must not pick its own for custom-partitioned edges).
 */
public final class JobTranslator implements PhysicalPlanVisitor<DataStream<EncodedBatch>> {
    private final StreamExecutionEnvironment env;
    private final long memoryBudget;
    private final long fileSplitSize;
    private int nextUid;
    /** The uids of the Flink operators each node became, in the order {@code StageFigures.operators} lists them. */
    private final Map<PhysicalPlan, List<String>> uids = new IdentityHashMap<>();

    public JobTranslator(StreamExecutionEnvironment env) {
        this(env, 0);
    }

    /** @param memoryBudget bytes each blocking operator may hold before spilling; 0 = its managed memory share */
    public JobTranslator(StreamExecutionEnvironment env, long memoryBudget) {
        this(env, memoryBudget, FileSplits.DEFAULT_SPLIT_SIZE);
    }

    /** @param fileSplitSize the largest byte range of a CSV / JSON-lines file one split reads */
    public JobTranslator(StreamExecutionEnvironment env, long memoryBudget, long fileSplitSize) {
        this.env = env;
        this.memoryBudget = memoryBudget;
        this.fileSplitSize = fileSplitSize;
    }

    public DataStream<EncodedBatch> translate(PhysicalPlan plan) {
        return plan.accept(this);
    }

    private String uid() {
        return "floe-" + (nextUid++);
    }

    /** A new uid for an operator of {@code node}, remembered for {@link #operatorIds}. */
    private String uid(PhysicalPlan node) {
        String uid = uid();
        uids.computeIfAbsent(node, n -> new ArrayList<>()).add(uid);
        return uid;
    }

    /**
     * The ids ({@code OperatorID} in hex, as operators see {@code getOperatorID()}) of the Flink
     * operators a node of the translated plan became; empty for an exchange.
     */
    public List<String> operatorIds(PhysicalPlan node) {
        List<String> ids = new ArrayList<>();
        for (String uid : uids.getOrDefault(node, List.of())) {
            ids.add(new OperatorID(StreamGraphHasherV2.generateUserSpecifiedHash(uid)).toHexString());
        }
        return ids;
    }

    /**
     * The Web UI's detail pane for an operator: its steps one per line with their expressions,
     * numbered as their metrics ({@code step.<i>.rows_in}, ...).
     */
    static String description(List<String> steps) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            sb.append(i == 0 ? "" : "\n").append("step ").append(i).append(": ").append(steps.get(i));
        }
        return sb.toString();
    }

    private static String description(PhysicalPlan node, int operator) {
        return description(StageFigures.operators(node).get(operator));
    }

    @Override
    public DataStream<EncodedBatch> visitScan(ScanStage stage) {
        SourceSplits splits = SourceSplits.of(stage.source(), stage.readColumns(), stage.filePlan(), fileSplitSize);
        FloeSource source = new FloeSource(splits.splits(), splits.opener(), stage.readSchema(), stage.steps(),
                stage.describe(), memoryBudget);
        int parallelism = Math.max(1, Math.min(stage.parallelism(), splits.splits().size()));
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), stage.describe(), EncodedBatchTypeInfo.INSTANCE)
                .setParallelism(parallelism)
                .uid(uid(stage))
                .setDescription(description(stage, 0));
    }

    @Override
    public DataStream<EncodedBatch> visitSteps(StepStage stage) {
        SingleOutputStreamOperator<EncodedBatch> out = translate(stage.input())
                .transform(stage.describe(), EncodedBatchTypeInfo.INSTANCE,
                        new PipelineOperator(stage.input().schema(), stage.steps(), stage.orderedByPartition(),
                                memoryBudget))
                .setParallelism(stage.parallelism())
                .uid(uid(stage))
                .setDescription(description(stage, 0));
        declareManagedMemory(out.getTransformation(), stage);
        return out;
    }

    /** The stage's weight in its slot's managed memory, when it has one. */
    private static void declareManagedMemory(Transformation<?> operator, PhysicalPlan stage) {
        if (stage.managedMemoryWeight() > 0) {
            operator.declareManagedMemoryUseCaseAtOperatorScope(ManagedMemoryUseCase.OPERATOR,
                    stage.managedMemoryWeight());
        }
    }

    @Override
    public DataStream<EncodedBatch> visitExchange(Exchange exchange) {
        DataStream<EncodedBatch> input = translate(exchange.input());
        return switch (exchange.kind()) {
            case GATHER -> input.global();
            case BROADCAST -> input.broadcast();
            case HASH, ROUND_ROBIN -> input.partitionCustom(new TaggedPartition(), new PartitionTag());
        };
    }

    /**
     * Sample (per input subtask) -> boundaries (one subtask) broadcast into a range split that runs
     * like a broadcast join: the boundaries are read before the data.
     */
    @Override
    public DataStream<EncodedBatch> visitRangeExchange(RangeExchange range) {
        DataStream<EncodedBatch> data = translate(range.input());
        int p = data.getParallelism();
        RangeSpec spec = range.spec();
        SampleSpec sample = new SampleSpec(spec);
        BoundariesSpec boundaries = new BoundariesSpec(spec);
        DataStream<EncodedBatch> cuts = data
                .transform(sample.describe(), EncodedBatchTypeInfo.INSTANCE,
                        new PipelineOperator(spec.inputSchema(), List.of(sample)))
                .setParallelism(p).uid(uid(range)).setDescription(description(range, 0))
                .global()
                .transform(boundaries.describe(), EncodedBatchTypeInfo.INSTANCE,
                        new PipelineOperator(spec.keySchema(), List.of(boundaries)))
                .setParallelism(1).uid(uid(range)).setDescription(description(range, 1));
        BroadcastInputsOperator.Spec split = new BroadcastInputsOperator.Spec(spec.inputSchema(),
                List.of(spec.keySchema()), List.of(new RangeSplitSpec(spec, 0)), 0);
        MultipleInputTransformation<EncodedBatch> t = new MultipleInputTransformation<>(spec.describe(),
                new BroadcastInputsOperator.Factory(split), EncodedBatchTypeInfo.INSTANCE, p);
        t.addInput(data.getTransformation());
        t.addInput(cuts.broadcast().getTransformation());
        t.setUid(uid(range));
        t.setDescription(description(range, 2));
        env.addOperator(t);
        return new DataStream<>(env, t).partitionCustom(new TaggedPartition(), new PartitionTag());
    }

    /** Inputs: build, probe, then the build sides of the broadcast joins fused after the join. */
    @Override
    public DataStream<EncodedBatch> visitJoin(JoinStage join) {
        DataStream<EncodedBatch> build = translate(join.build());
        DataStream<EncodedBatch> probe = translate(join.probe());
        List<Schema> broadcastSchemas = new ArrayList<>();
        List<DataStream<EncodedBatch>> broadcasts = new ArrayList<>();
        for (PhysicalPlan b : join.broadcasts()) {
            broadcastSchemas.add(b.schema());
            broadcasts.add(translate(b));
        }
        MultipleInputTransformation<EncodedBatch> t = new MultipleInputTransformation<>(join.describe(),
                new HashJoinOperator.Factory(join.spec(), memoryBudget, broadcastSchemas), EncodedBatchTypeInfo.INSTANCE,
                join.parallelism());
        t.addInput(build.getTransformation());
        t.addInput(probe.getTransformation());
        for (DataStream<EncodedBatch> b : broadcasts) {
            t.addInput(b.getTransformation());
        }
        t.setUid(uid(join));
        t.setDescription(description(join, 0));
        declareManagedMemory(t, join);
        env.addOperator(t);
        return new DataStream<>(env, t);
    }

    /**
     * One multiple-input operator: the probe stream forward (a scan chains into the operator's
     * task), then every broadcast build side. Its parallelism is the probe stream's, so that the
     * forward edge (and source chaining) holds even when a scan has fewer splits than planned.
     */
    @Override
    public DataStream<EncodedBatch> visitBroadcastJoins(BroadcastJoinStage stage) {
        DataStream<EncodedBatch> main = translate(stage.main());
        int parallelism = main.getParallelism();
        List<Schema> buildSchemas = new ArrayList<>();
        List<DataStream<EncodedBatch>> builds = new ArrayList<>();
        for (PhysicalPlan b : stage.builds()) {
            buildSchemas.add(b.schema());
            builds.add(translate(b));
        }
        BroadcastInputsOperator.Spec spec = new BroadcastInputsOperator.Spec(stage.main().schema(), buildSchemas,
                stage.steps(), memoryBudget);
        MultipleInputTransformation<EncodedBatch> t = new MultipleInputTransformation<>(stage.describe(),
                new BroadcastInputsOperator.Factory(spec), EncodedBatchTypeInfo.INSTANCE, parallelism);
        t.addInput(main.getTransformation());
        for (DataStream<EncodedBatch> b : builds) {
            t.addInput(b.getTransformation());
        }
        t.setUid(uid(stage));
        t.setDescription(description(stage, 0));
        declareManagedMemory(t, stage);
        env.addOperator(t);
        return new DataStream<>(env, t);
    }

    /**
     * The inputs' streams as one; the stage that reads it connects to each (forward where parallelisms
     * match). Each input is a stage: a bare exchange would route by the reader's subtask count, which
     * the union does not know (FuseStages receives exchanges before a union).
     */
    @Override
    public DataStream<EncodedBatch> visitUnion(UnionPlan union) {
        for (PhysicalPlan in : union.inputs()) {
            if (in instanceof Exchange || in instanceof RangeExchange) {
                throw new IllegalStateException("a union must read stages, not the bare exchange '" + in.describe()
                        + "' (planner bug: FuseStages receives each input of a union)");
            }
        }
        DataStream<EncodedBatch> out = translate(union.inputs().get(0));
        for (PhysicalPlan in : union.inputs().subList(1, union.inputs().size())) {
            out = out.union(translate(in));
        }
        return out;
    }

    /** Reads the target partition a split step wrote on the batch. */
    static final class PartitionTag implements KeySelector<EncodedBatch, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(EncodedBatch batch) {
            return batch.partition();
        }
    }

    /** Routes a batch to the partition it is tagged with. */
    static final class TaggedPartition implements Partitioner<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public int partition(Integer key, int numPartitions) {
            if (key < 0 || key >= numPartitions) {
                throw new IllegalStateException("batch tagged for partition " + key + " of " + numPartitions);
            }
            return key;
        }
    }
}
