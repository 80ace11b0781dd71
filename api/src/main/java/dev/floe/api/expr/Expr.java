package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The expression IR: immutable records under one sealed interface. Users build them through
 * {@link dev.floe.api.Expression} and {@link dev.floe.api.Functions}; planners and kernels read
 * them. Every node resolves its type against an input schema eagerly ({@link #type}), failing
 * with a {@link dev.floe.api.PlanException} that names the expression.
 */
public sealed interface Expr extends Serializable
        permits Column, Literal, Alias, Binary, Unary, Cast, IfElse, IsIn, Between, FillNull, Round,
                Coalesce, AggExpr, SortKey, StringFunction, TemporalFunction, Udf, ListFunction, StructField,
                Hash, Grouping, WindowExpr, WindowFunction, Subquery, OuterColumn, FunctionCall, Nondeterministic {

    List<Expr> children();

    /** Calls the visitor's method for this record; see {@link ExprVisitor}. */
    <R> R accept(ExprVisitor<R> visitor);

    Expr withChildren(List<Expr> children);

    /** The result type over rows of {@code input}; throws PlanException when it does not resolve. */
    DataType type(Schema input);

    /** SQL-like text, deterministic, used by explain and operator names. */
    String display();

    /** The output column name: an alias, else the first column referenced, else {@code literal}. */
    default String name() {
        String n = firstColumn(this);
        return n == null ? "literal" : n;
    }

    private static String firstColumn(Expr e) {
        if (e instanceof Alias a) {
            return a.name();
        }
        if (e instanceof Column c) {
            return c.name();
        }
        for (Expr child : e.children()) {
            String n = firstColumn(child);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    /** Rewrites bottom-up: children first, then this node. */
    default Expr transformUp(Function<Expr, Expr> fn) {
        List<Expr> kids = children();
        Expr self = this;
        if (!kids.isEmpty()) {
            List<Expr> newKids = new ArrayList<>(kids.size());
            boolean changed = false;
            for (Expr k : kids) {
                Expr nk = k.transformUp(fn);
                changed |= nk != k;
                newKids.add(nk);
            }
            if (changed) {
                self = withChildren(newKids);
            }
        }
        return fn.apply(self);
    }

    /** Names of every column this expression reads, in first-seen order, without duplicates. */
    default List<String> columnRefs() {
        List<String> out = new ArrayList<>();
        collectColumns(this, out);
        return out;
    }

    private static void collectColumns(Expr e, List<String> out) {
        if (e instanceof Column c) {
            if (!out.contains(c.name())) {
                out.add(c.name());
            }
            return;
        }
        for (Expr child : e.children()) {
            collectColumns(child, out);
        }
    }

    /** Removes a top-level alias. */
    default Expr unalias() {
        return this instanceof Alias a ? a.child() : this;
    }
}
