package dev.floe.api.plan;

import dev.floe.api.expr.Expr;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a source. Optimizer rules push work into it: the columns to produce
 * ({@code projection}, null = all), predicates to apply while reading ({@code filters}, each
 * boolean, over source columns) and a row limit ({@code limit}, null = none; applied after the
 * filters).
 */
public record Scan(ScanSource source, List<String> projection, List<Expr> filters, Long limit) implements LogicalPlan {
    public Scan {
        Objects.requireNonNull(source, "source");
        projection = projection == null ? null : List.copyOf(projection);
        filters = List.copyOf(filters);
        if (projection != null) {
            for (String c : projection) {
                if (!source.schema().contains(c)) {
                    throw new IllegalArgumentException("Scan projection names unknown column '" + c + "'");
                }
            }
        }
        for (Expr f : filters) {
            f.type(source.schema());
        }
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
    }

    public static Scan of(ScanSource source) {
        return new Scan(source, null, List.of(), null);
    }

    @Override
    public Schema schema() {
        return projection == null ? source.schema() : source.schema().select(projection);
    }

    /** Columns the scan must read: the projection plus whatever its filters need. */
    public List<String> columnsToRead() {
        List<String> out = new ArrayList<>(projection == null ? source.schema().names() : projection);
        for (Expr f : filters) {
            for (String c : f.columnRefs()) {
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    public Scan withProjection(List<String> columns) {
        return new Scan(source, columns, filters, limit);
    }

    public Scan withFilters(List<Expr> newFilters) {
        return new Scan(source, projection, newFilters, limit);
    }

    public Scan withLimit(Long newLimit) {
        return new Scan(source, projection, filters, newLimit);
    }

    @Override public List<LogicalPlan> children() { return List.of(); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) { return this; }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("Scan: ").append(source.describe());
        if (projection != null) {
            sb.append(" columns=[").append(String.join(", ", projection)).append(']');
        }
        if (!filters.isEmpty()) {
            sb.append(" filters=[").append(filters.stream().map(Expr::display).collect(Collectors.joining(", "))).append(']');
        }
        if (limit != null) {
            sb.append(" limit=").append(limit);
        }
        return sb.toString();
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitScan(this); }

    @Override public boolean maintainsInputOrder() { return false; }

    @Override public boolean establishesOrder() { return false; }

    @Override public List<Set<String>> requiredColumns(Set<String> outputColumns) { return List.of(); }

    /** The source's bytes scaled by the share of columns produced, halved for each pushed filter. */
    @Override
    public long estimateBytes(List<Long> inputBytes) {
        long total = source.estimatedBytes();
        if (total < 0) {
            return SizeEstimates.UNKNOWN;
        }
        long bytes = SizeEstimates.times(total, Math.max(1, schema().size())) / Math.max(1, source.schema().size());
        for (int i = 0; i < filters.size(); i++) {
            bytes /= 2;
        }
        return bytes;
    }
}
