package dev.floe.api.plan;

import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A kept result ({@code DataFrame.cache()}): a leaf, so the optimizer never rewrites the plan it
 * keeps, and an action reads the entry's files instead of computing {@code entry.plan()} again.
 * Before the first action fills it (or after {@code unpersist()}) the physical planner plans the
 * kept plan in its place.
 */
public record Cache(CacheEntry entry) implements LogicalPlan {
    public Cache {
        Objects.requireNonNull(entry, "entry");
    }

    @Override public Schema schema() { return entry.plan().schema(); }

    @Override public List<LogicalPlan> children() { return List.of(); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return this; }

    @Override
    public String describe() {
        return "Cache #" + entry.id() + " [" + entry.state() + "] of " + entry.plan().describe();
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitCache(this); }

    @Override public List<Set<String>> requiredColumns(Set<String> outputColumns) { return List.of(); }

    @Override public boolean maintainsInputOrder() { return false; }

    /** A sorted plan is kept in one file, read in order. */
    @Override
    public boolean establishesOrder() {
        LogicalPlan p = entry.plan();
        while (!p.establishesOrder() && p.maintainsInputOrder()) {
            p = p.children().get(0);
        }
        return p.establishesOrder();
    }

    @Override
    public long estimateBytes(List<Long> inputBytes) {
        CachedSource s = entry.source();
        return s != null ? s.bytes() : SizeEstimates.bytes(entry.plan());
    }
}
