package dev.floe.api.optimizer;

import java.util.List;

/** The standard rule batches and their order, each with the reason it exists. */
final class Rules {
    private Rules() {
    }

    static List<RuleBatch> standardBatches() {
        return List.of(
                RuleBatch.fixedPoint("simplify",
                        "fold constants first so later rules see simple predicates and literal limits"
                        /* rules added as they land */));
    }
}
