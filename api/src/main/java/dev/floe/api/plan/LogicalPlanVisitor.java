package dev.floe.api.plan;

/**
 * One method per logical node, no defaults: adding a node to {@link LogicalPlan} breaks the build
 * of every visitor until it says what the new node means there. Prefer a visitor to an
 * {@code instanceof} chain whenever the answer depends on the node type.
 *
 * <pre>{@code
 * String name = plan.accept(new LogicalPlanVisitor<String>() {
 *     public String visitScan(Scan scan) { return "scan"; }
 *     ...
 * });
 * }</pre>
 *
 * @param <R> what each visit returns
 */
public interface LogicalPlanVisitor<R> {
    R visitScan(Scan scan);

    R visitProject(Project project);

    R visitFilter(Filter filter);

    R visitLimit(Limit limit);

    R visitAggregate(Aggregate aggregate);

    R visitSort(Sort sort);

    R visitJoin(Join join);

    R visitRepartition(Repartition repartition);

    R visitWrite(Write write);

    R visitExplode(Explode explode);

    R visitExpand(Expand expand);

    R visitUnion(Union union);

    R visitReplicate(Replicate replicate);

    R visitSample(Sample sample);

    R visitOffset(Offset offset);

    R visitDeduplicate(Deduplicate deduplicate);

    R visitCache(Cache cache);

    R visitWindow(Window window);
}
