package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A window function or aggregation evaluated over a window: {@code rank() OVER (PARTITION BY dept
 * ORDER BY salary DESC)}. Allowed in {@code select}/{@code withColumn} only: the DataFrame moves it
 * into a logical {@code Window} node. {@code frame} null means SQL's default: with an order, RANGE
 * from UNBOUNDED PRECEDING to CURRENT ROW (peers included); without, the whole partition.
 */
public record WindowExpr(Expr function, List<Expr> partitionBy, List<SortKey> orderBy, WindowFrame frame)
        implements Expr {
    public WindowExpr {
        Objects.requireNonNull(function, "function");
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
        if (!(function instanceof AggExpr) && !(function instanceof WindowFunction)) {
            throw new PlanException("over(...) applies to window functions (rank(), lag(...), ...) and aggregations"
                    + " (col(\"x\").sum(), ...), not to " + function.display());
        }
    }

    /** The frame the function sees: the given one, or SQL's default. */
    public WindowFrame effectiveFrame() {
        if (frame != null) {
            return frame;
        }
        return orderBy.isEmpty()
                ? WindowFrame.rows(WindowFrame.UNBOUNDED_PRECEDING, WindowFrame.UNBOUNDED_FOLLOWING)
                : WindowFrame.range(WindowFrame.UNBOUNDED_PRECEDING, 0L);
    }

    @Override
    public List<Expr> children() {
        List<Expr> out = new ArrayList<>(1 + partitionBy.size() + orderBy.size());
        out.add(function);
        out.addAll(partitionBy);
        out.addAll(orderBy);
        return out;
    }

    @Override
    public Expr withChildren(List<Expr> children) {
        int p = partitionBy.size();
        List<SortKey> order = new ArrayList<>(orderBy.size());
        for (Expr e : children.subList(1 + p, children.size())) {
            order.add(SortKey.of(e));
        }
        return new WindowExpr(children.get(0), children.subList(1, 1 + p), order, frame);
    }

    @Override
    public DataType type(Schema input) {
        List<Expr> inside = new ArrayList<>(function.children());
        inside.addAll(partitionBy);
        inside.addAll(orderBy);
        for (Expr e : inside) {
            if (containsWindow(e)) {
                throw new PlanException("Window functions cannot be nested: " + display()
                        + "; compute the inner one with withColumn(...) first");
            }
        }
        for (Expr k : partitionBy) {
            DataType t = k.type(input);
            if (t.isNested() || t.kind() == DataType.Kind.INTERVAL) {
                throw new PlanException("Cannot partition a window by " + k.display() + " of type " + t
                        + ": only primitive, string, decimal and temporal values can be keys");
            }
        }
        for (SortKey k : orderBy) {
            DataType t = k.child().type(input);
            if (t.isNested() || t.kind() == DataType.Kind.INTERVAL) {
                throw new PlanException("Cannot order a window by " + k.child().display() + " of type " + t
                        + ": only primitive, string, decimal and temporal values have an order");
            }
        }
        checkFrame(input);
        if (function instanceof WindowFunction w) {
            return w.resultType(input);
        }
        AggExpr agg = (AggExpr) function;
        if (agg.second() != null) {
            throw new PlanException(agg.function().sqlName() + " of two inputs is not available over a window yet: "
                    + display() + "; compute it with groupBy(...).agg(...) and join the result back");
        }
        if (agg.child() != null && AggExpr.containsAgg(agg.child())) {
            throw new PlanException("Aggregations cannot be nested: " + display());
        }
        return agg.type(input);
    }

    private void checkFrame(Schema input) {
        WindowFrame f = effectiveFrame();
        if (f.unit() != WindowFrame.Unit.RANGE || !f.hasOffsets()) {
            return;
        }
        if (orderBy.size() != 1) {
            throw new PlanException("A RANGE frame with offsets needs exactly one orderBy key, got " + orderBy.size()
                    + " in " + display() + "; use rowsBetween(...) or order by one column");
        }
        DataType t = orderBy.get(0).child().type(input);
        for (WindowFrame.Bound b : List.of(f.start(), f.end())) {
            Object o = b.offset();
            if (o == null) {
                continue;
            }
            // decimal offsets over integer and decimal keys compare exactly (never through a double)
            boolean ok = switch (t.kind()) {
                case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> o instanceof Long
                        || o instanceof java.math.BigDecimal;
                case FLOAT32, FLOAT64, DECIMAL -> o instanceof Long || o instanceof Double
                        || o instanceof java.math.BigDecimal;
                case DATE -> o instanceof java.time.Period;
                case TIMESTAMP -> o instanceof java.time.Duration;
                default -> false;
            };
            if (!ok) {
                throw new PlanException("A RANGE offset of " + o + " does not apply to the order key "
                        + orderBy.get(0).child().display() + " of type " + t + " in " + display()
                        + ": use whole numbers or BigDecimal for integer keys, numbers for floats and decimals,"
                        + " java.time.Period for dates and java.time.Duration for timestamps");
            }
        }
    }

    /** True when {@code e} or anything below it is a window expression. */
    public static boolean containsWindow(Expr e) {
        if (e instanceof WindowExpr || e instanceof WindowFunction) {
            return true;
        }
        for (Expr c : e.children()) {
            if (containsWindow(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return function.name();
    }

    /** {@code PARTITION BY a ORDER BY b DESC ROWS BETWEEN ...}, empty parts left out. */
    public String windowDisplay() {
        List<String> parts = new ArrayList<>();
        if (!partitionBy.isEmpty()) {
            parts.add("PARTITION BY " + partitionBy.stream().map(Expr::display).collect(Collectors.joining(", ")));
        }
        if (!orderBy.isEmpty()) {
            parts.add("ORDER BY " + orderBy.stream().map(SortKey::display).collect(Collectors.joining(", ")));
        }
        if (frame != null) {
            parts.add(frame.display());
        }
        return String.join(" ", parts);
    }

    @Override
    public String display() {
        return function.display() + " OVER (" + windowDisplay() + ")";
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitWindow(this);
    }
}
