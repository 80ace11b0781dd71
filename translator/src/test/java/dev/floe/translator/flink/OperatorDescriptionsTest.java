package dev.floe.translator.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.SortKey;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.translator.physical.PhysicalPlan;
import dev.floe.translator.physical.PhysicalPlanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The Flink job as the Web UI and explain-analyze see it, without running it: every operator's
 * description lists its steps with their expressions, and the operator ids the translator reports
 * (which name the figures' accumulators) are the ids Flink gives the operators.
 */
class OperatorDescriptionsTest {
    private static final Schema SCHEMA = Schema.of(Field.of("a", DataType.int64()), Field.of("c", DataType.string()));

    private static PhysicalPlan plan() {
        Scan scan = Scan.of(new InMemorySource("t", SCHEMA, List.of(List.of())));
        LogicalPlan p = new Sort(new Filter(scan, new Binary(BinaryOp.GT, new Column("a"),
                new Literal(1L, DataType.int64()))), List.of(SortKey.of(new Column("c"))));
        return new PhysicalPlanner(2).plan(p);
    }

    @Test
    void descriptionsListTheStepsAndOperatorIdsAreFlinks() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PhysicalPlan physical = plan();
        JobTranslator translator = new JobTranslator(env);
        translator.translate(physical).sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
        StreamGraph graph = env.getStreamGraph();
        List<String> descriptions = new ArrayList<>();
        for (StreamNode n : graph.getStreamNodes()) {
            descriptions.add(n.getOperatorDescription());
        }
        assertThat(descriptions).contains("step 0: Scan: t (0 rows, 1 partitions)\nstep 1: Filter: a > 1")
                .contains("step 0: Sort: c ASC");

        Set<String> flinkIds = new HashSet<>();
        JobGraph job = graph.getJobGraph();
        for (JobVertex v : job.getVertices()) {
            for (OperatorIDPair id : v.getOperatorIDs()) {
                flinkIds.add(id.getGeneratedOperatorID().toHexString());
            }
        }
        List<String> ours = new ArrayList<>();
        collect(physical, translator, ours);
        assertThat(ours).hasSize(5); // scan, sample, boundaries, range split, sort
        assertThat(flinkIds).containsAll(ours);
    }

    private static void collect(PhysicalPlan p, JobTranslator t, List<String> out) {
        out.addAll(t.operatorIds(p));
        for (PhysicalPlan c : p.children()) {
            collect(c, t, out);
        }
    }
}
