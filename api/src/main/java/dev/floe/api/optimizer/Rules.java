package dev.floe.api.optimizer;

import dev.floe.api.optimizer.rules.ConvertCrossJoinToInnerJoin;
import dev.floe.api.optimizer.rules.ConvertOuterJoinToInnerJoin;
import dev.floe.api.optimizer.rules.DecorrelatePredicateSubquery;
import dev.floe.api.optimizer.rules.ScalarSubqueryToJoin;
import dev.floe.api.optimizer.rules.SubqueryToMarkJoin;
import dev.floe.api.optimizer.rules.FactorCommonConjuncts;
import dev.floe.api.optimizer.rules.FoldConstants;
import dev.floe.api.optimizer.rules.InferKeyFiltersAcrossJoin;
import dev.floe.api.optimizer.rules.MergeFilters;
import dev.floe.api.optimizer.rules.MergeLimits;
import dev.floe.api.optimizer.rules.MergeProjects;
import dev.floe.api.optimizer.rules.MergeWindows;
import dev.floe.api.optimizer.rules.PropagateEmptyRelations;
import dev.floe.api.optimizer.rules.PullOutNondeterministic;
import dev.floe.api.optimizer.rules.PruneColumns;
import dev.floe.api.optimizer.rules.PushDisjunctionsThroughJoin;
import dev.floe.api.optimizer.rules.PushFilterIntoScan;
import dev.floe.api.optimizer.rules.PushFilterThroughAggregate;
import dev.floe.api.optimizer.rules.PushFilterThroughExpand;
import dev.floe.api.optimizer.rules.PushFilterThroughJoin;
import dev.floe.api.optimizer.rules.PushFilterThroughProject;
import dev.floe.api.optimizer.rules.PushFilterThroughSort;
import dev.floe.api.optimizer.rules.PushFilterThroughReplicate;
import dev.floe.api.optimizer.rules.PushFilterThroughUnion;
import dev.floe.api.optimizer.rules.PushOffsetThroughProject;
import dev.floe.api.optimizer.rules.PushFilterThroughWindow;
import dev.floe.api.optimizer.rules.PushLimitIntoScan;
import dev.floe.api.optimizer.rules.PushLimitThroughProject;
import dev.floe.api.optimizer.rules.RemoveNoOpProjects;
import dev.floe.api.optimizer.rules.ReorderJoins;
import java.util.List;

/** The standard rule batches and their order, each with the reason it exists. */
final class Rules {
    private Rules() {
    }

    static List<RuleBatch> standardBatches() {
        RuleBatch pushDown = RuleBatch.fixedPoint("push down",
                "move filters and limits toward the scans (through unions into both sides), merging what meets"
                        + " on the way; a filter over a"
                        + " cross join first lends it its cross-side equalities as join keys, and one that rejects"
                        + " the nulls an outer join pads with first narrows that join",
                new ConvertCrossJoinToInnerJoin(), new ConvertOuterJoinToInnerJoin(), new PushFilterThroughJoin(),
                new PushFilterThroughSort(), new PushFilterThroughAggregate(), new PushFilterThroughExpand(),
                new PushFilterThroughWindow(), new PushFilterThroughProject(), new PushFilterIntoScan(),
                new PushLimitThroughProject(), new PushLimitIntoScan(), new MergeFilters(), new MergeLimits(),
                new PushFilterThroughUnion(), new PushFilterThroughReplicate(), new PushOffsetThroughProject(),
                new PropagateEmptyRelations());
        // run first, so that no rule moves a filter or limit between a key and the rows it is drawn
        // from, and again after push-down, which makes join keys of a cross join's filter
        RuleBatch isolate = RuleBatch.once("isolate",
                "sort, repartition and join keys that use rand or the ids become columns of a projection below"
                        + " their node, computed once per row in the row's partition",
                new PullOutNondeterministic());
        return List.of(
                isolate,
                RuleBatch.fixedPoint("decorrelate",
                        "subqueries become semi, anti and left joins first, so every later rule sees joins",
                        new DecorrelatePredicateSubquery(), new ScalarSubqueryToJoin(), new SubqueryToMarkJoin()),
                RuleBatch.fixedPoint("simplify",
                        "fold constants first so later rules see simple predicates; a filter that folded to false"
                                + " empties its subtree, which then never runs; conjuncts every branch of a"
                                + " disjunction shares become conjuncts of their own, which push-down can move",
                        new FoldConstants(), new PropagateEmptyRelations(), new FactorCommonConjuncts()),
                RuleBatch.fixedPoint("merge",
                        "collapse chains the DataFrame API builds one call at a time (withColumn, where, limit)",
                        new MergeFilters(), new MergeProjects(), new MergeLimits(), new RemoveNoOpProjects(),
                        new MergeWindows()),
                RuleBatch.once("reorder",
                        "order the tables of inner join chains (comma joins, JOIN ... ON) under one filter by size"
                                + " estimates while the filter still sits above them whole, so that push-down makes"
                                + " keys of the new order",
                        new ReorderJoins()),
                pushDown,
                RuleBatch.once("derive",
                        "once push-down has left each cross-side filter right above its join, derive the filters"
                                + " each side can take from it, and copy filters on a join key to the other side's key"
                                + " (once: run again they would derive the same filters again)",
                        new PushDisjunctionsThroughJoin(), new InferKeyFiltersAcrossJoin()),
                pushDown,
                isolate,
                RuleBatch.once("prune",
                        "once filters sit in the scans, ask each scan (through joins and aggregates) for exactly the"
                                + " columns the plan reads",
                        new PruneColumns()),
                RuleBatch.fixedPoint("tidy",
                        "pruning leaves projections that pass their input through",
                        new MergeProjects(), new RemoveNoOpProjects(), new MergeWindows()),
                RuleBatch.once("check",
                        "a subquery no rule turned into a join is an error naming it, before the executor sees it",
                        new Decorrelation()));
    }
}
