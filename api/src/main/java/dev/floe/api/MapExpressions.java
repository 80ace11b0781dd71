package dev.floe.api;

import dev.floe.api.expr.Expr;
import dev.floe.api.expr.FunctionCall;
import dev.floe.api.expr.MapFn;
import java.io.Serializable;
import java.util.List;

/**
 * Map functions of an expression, reached with {@link Expression#map()}. A null map gives null
 * (DuckDB's and Spark's map functions).
 *
 * <pre>{@code df.select(col("attrs").map().get(lit("color")), col("attrs").map().keys())}</pre>
 */
public final class MapExpressions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Expr node;

    MapExpressions(Expr node) {
        this.node = node;
    }

    private Expression call(MapFn f, Expr... more) {
        List<Expr> args = new java.util.ArrayList<>();
        args.add(node);
        args.addAll(List.of(more));
        return new Expression(new FunctionCall(f, args, List.of()));
    }

    /**
     * The value of a key (converted to the key type), of the map's value type; null when the map
     * or the key is null or the key is not in the map (DuckDB's {@code map_extract_value}, Spark's
     * {@code element_at}). {@code col("attrs").map().get(lit("color"))}
     */
    public Expression get(Object key) { return call(MapFn.GET, Expression.toExpr(key)); }

    /** The keys as a list, in the map's order. {@code col("attrs").map().keys()} */
    public Expression keys() { return call(MapFn.KEYS); }

    /** The values as a list, in the order of the keys. {@code col("attrs").map().values()} */
    public Expression values() { return call(MapFn.VALUES); }

    /** Number of entries as int64 (DuckDB's {@code cardinality}). {@code col("attrs").map().size()} */
    public Expression size() { return call(MapFn.SIZE); }
}
