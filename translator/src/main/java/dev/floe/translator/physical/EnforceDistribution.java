package dev.floe.translator.physical;

import java.util.ArrayList;
import java.util.List;

/**
 * Places exchanges: bottom-up, wherever an input's {@link Partitioning} does not satisfy the
 * {@link Distribution} its consumer requires, an {@link ExchangeNode} goes in between; where it
 * does (a hash join on the keys an aggregation below it shuffled on), none does.
 *
 * <pre>
 * before:  HashJoin(build: Scan a, probe: Final(hash k) &lt;- Partial &lt;- Scan b)
 * after:   HashJoin(build: Exchange(hash a.k) &lt;- Scan a,
 *                   probe: Final &lt;- Exchange(hash k) &lt;- Partial &lt;- Scan b)   (Final's output is hashed on k)
 * </pre>
 */
public final class EnforceDistribution {
    private EnforceDistribution() {
    }

    public static PhysicalNode apply(PhysicalNode node) {
        List<PhysicalNode> children = node.children();
        if (children.isEmpty()) {
            return node;
        }
        List<Distribution> required = node.requiredDistributions();
        List<PhysicalNode> placed = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            PhysicalNode child = apply(children.get(i));
            placed.add(required.get(i).satisfiedBy(child.outputPartitioning())
                    ? child : new ExchangeNode(child, required.get(i)));
        }
        return node.withChildren(placed);
    }
}
