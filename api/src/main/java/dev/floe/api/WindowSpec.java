package dev.floe.api;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.SortKey;
import dev.floe.api.expr.WindowFrame;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link Window} that {@code Window.partitionBy(...)} and {@code Window.orderBy(...)} return;
 * each method returns a new one. {@code Window.partitionBy("dept").orderBy(col("salary").desc())}
 */
public final class WindowSpec implements Window, Serializable {
    private static final long serialVersionUID = 1L;

    static final WindowSpec EMPTY = new WindowSpec(List.of(), List.of(), null);

    private final List<Expr> partitionKeys;
    private final List<SortKey> orderKeys;
    private final WindowFrame frame;

    private WindowSpec(List<Expr> partitionKeys, List<SortKey> orderKeys, WindowFrame frame) {
        this.partitionKeys = List.copyOf(partitionKeys);
        this.orderKeys = List.copyOf(orderKeys);
        this.frame = frame;
    }

    /** Replaces the partition keys. */
    public WindowSpec partitionBy(Expression... keys) {
        List<Expr> ks = new ArrayList<>(keys.length);
        for (Expression k : keys) {
            Expr e = Objects.requireNonNull(k, "partitionBy key").node();
            if (e instanceof SortKey) {
                throw new PlanException("partitionBy keys have no direction: remove .asc()/.desc() from " + e.display());
            }
            ks.add(e);
        }
        return new WindowSpec(ks, orderKeys, frame);
    }

    /** Replaces the partition keys with columns. */
    public WindowSpec partitionBy(String... columns) {
        List<Expr> ks = new ArrayList<>(columns.length);
        for (String c : columns) {
            ks.add(new Column(Objects.requireNonNull(c, "partitionBy column")));
        }
        return new WindowSpec(ks, orderKeys, frame);
    }

    /** Replaces the order keys; ascending unless wrapped with {@code .desc()}. */
    public WindowSpec orderBy(Expression... keys) {
        List<SortKey> ks = new ArrayList<>(keys.length);
        for (Expression k : keys) {
            ks.add(SortKey.of(Objects.requireNonNull(k, "orderBy key").node()));
        }
        return new WindowSpec(partitionKeys, ks, frame);
    }

    /** Replaces the order keys with columns, ascending. */
    public WindowSpec orderBy(String... columns) {
        List<SortKey> ks = new ArrayList<>(columns.length);
        for (String c : columns) {
            ks.add(SortKey.of(new Column(Objects.requireNonNull(c, "orderBy column"))));
        }
        return new WindowSpec(partitionKeys, ks, frame);
    }

    @Override
    public WindowSpec rowsBetween(long lo, long hi) {
        return new WindowSpec(partitionKeys, orderKeys, WindowFrame.rows(lo, hi));
    }

    @Override
    public WindowSpec rangeBetween(Object lo, Object hi) {
        return new WindowSpec(partitionKeys, orderKeys, WindowFrame.range(lo, hi));
    }

    @Override public List<Expr> partitionKeys() { return partitionKeys; }

    @Override public List<SortKey> orderKeys() { return orderKeys; }

    @Override public WindowFrame frame() { return frame; }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowSpec w && partitionKeys.equals(w.partitionKeys) && orderKeys.equals(w.orderKeys)
                && Objects.equals(frame, w.frame);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partitionKeys, orderKeys, frame);
    }

    @Override
    public String toString() {
        return new dev.floe.api.expr.WindowExpr(new dev.floe.api.expr.WindowFunction(
                dev.floe.api.expr.WindowOp.ROW_NUMBER, null, null, 0), partitionKeys, orderKeys, frame).windowDisplay();
    }
}
