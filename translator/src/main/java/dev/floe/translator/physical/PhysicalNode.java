package dev.floe.translator.physical;

import dev.floe.api.types.Schema;
import java.util.List;

/**
 * A physical operator before exchanges are placed and steps fused into stages. Each node states
 * the distribution it requires of each input and the partitioning of its output (DataFusion's
 * {@code required_input_distribution} and {@code PlanProperties}), so the passes need no side
 * table: {@link PhysicalPlanner} builds nodes from logical ones, {@link EnforceDistribution}
 * inserts {@link ExchangeNode}s, and {@link FuseStages} turns the result into {@link PhysicalPlan}
 * stages.
 */
public sealed interface PhysicalNode permits ScanNode, StepNode, ExchangeNode, HashJoinNode, BroadcastJoinNode,
        UnionNode {

    Schema schema();

    List<PhysicalNode> children();

    PhysicalNode withChildren(List<PhysicalNode> children);

    /** What each input's rows must look like, parallel to {@link #children()}. */
    List<Distribution> requiredDistributions();

    /** How the output rows are partitioned, given that the inputs meet their required distributions. */
    Partitioning outputPartitioning();

    /** One line for {@link #print}: the node and its output partitioning. */
    String describe();

    <R> R accept(PhysicalNodeVisitor<R> visitor);

    /** Indented text of the tree, one node per line. */
    static String print(PhysicalNode node) {
        StringBuilder sb = new StringBuilder();
        print(node, 0, sb);
        return sb.toString();
    }

    private static void print(PhysicalNode node, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(node.describe()).append("  [").append(node.outputPartitioning())
                .append("]\n");
        for (PhysicalNode c : node.children()) {
            print(c, depth + 1, sb);
        }
    }
}
