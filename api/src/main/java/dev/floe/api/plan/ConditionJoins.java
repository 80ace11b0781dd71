package dev.floe.api.plan;

import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.PlanException;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.TypeRules;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link Join}s behind {@code DataFrame.join(right, condition, how)} and
 * {@code DataFrame.joinAsof}. A condition's {@code left = right} conjuncts (each side reading one
 * input) become hash keys; the other conjuncts stay as the join's condition, evaluated on each
 * key-equal pair (on every pair when no conjunct is an equality: a nested-loop join).
 */
public final class ConditionJoins {
    private ConditionJoins() {
    }

    /** A join on an arbitrary boolean condition over {@link Join#pairSchema}; no key is merged in the output. */
    public static Join of(LogicalPlan left, LogicalPlan right, Expr condition, JoinType type) {
        Schema ls = left.schema();
        Schema pair = Join.pairSchema(ls, right.schema());
        // type-checks the whole condition first, so that errors name it as the user wrote it
        Join.of(left, right, List.of(), List.of(), type, JoinStrategy.AUTO, condition, null, false);
        List<Expr> leftOn = new ArrayList<>();
        List<Expr> rightOn = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        for (Expr c : Binary.conjuncts(condition)) {
            Expr[] key = key(c, ls.size(), pair);
            if (key != null) {
                leftOn.add(key[0]);
                rightOn.add(toRight(key[1], ls.size(), pair, right.schema()));
            } else {
                rest.add(c);
            }
        }
        Expr residual = null;
        for (Expr r : rest) {
            residual = residual == null ? r : new Binary(BinaryOp.AND, residual, r);
        }
        return Join.of(left, right, leftOn, rightOn, type, JoinStrategy.AUTO, residual, null, false);
    }

    /**
     * For each left row the right row with the greatest {@code rightOn <= leftOn} among those with
     * equal {@code by} columns (named alike on both sides); a LEFT join.
     */
    public static Join asof(LogicalPlan left, LogicalPlan right, String leftOn, String rightOn, List<String> by) {
        List<Expr> keys = new ArrayList<>();
        for (String b : by) {
            keys.add(new Column(b));
        }
        Column l = new Column(leftOn);
        Column r = new Column(rightOn);
        l.type(left.schema());
        r.type(right.schema());
        return Join.of(left, right, keys, keys, JoinType.LEFT, JoinStrategy.AUTO, null, new Join.Asof(l, r), true);
    }


    /**
     * {left expression, right expression (pair names)} when {@code c} equates an expression over
     * left columns only with one over right columns only, with a common hashable type; else null.
     */
    private static Expr[] key(Expr c, int leftSize, Schema pair) {
        if (!(c instanceof Binary b) || b.op() != BinaryOp.EQ) {
            return null;
        }
        Expr l = b.left();
        Expr r = b.right();
        if (side(r, leftSize, pair) == 0 && side(l, leftSize, pair) == 1) {
            Expr t = l;
            l = r;
            r = t;
        }
        if (side(l, leftSize, pair) != 0 || side(r, leftSize, pair) != 1) {
            return null;
        }
        try {
            DataType common = TypeRules.commonType(l, l.type(pair), r.type(pair));
            if (common.isNested() || common.kind() == DataType.Kind.NULL) {
                return null;
            }
        } catch (PlanException e) {
            return null;
        }
        return new Expr[] {l, r};
    }

    /** 0 when the expression reads left columns only, 1 right only, -1 none or both. */
    private static int side(Expr e, int leftSize, Schema pair) {
        List<String> refs = e.columnRefs();
        if (refs.isEmpty()) {
            return -1;
        }
        int side = -2;
        for (String name : refs) {
            int s = pair.indexOf(name) < leftSize ? 0 : 1;
            if (side != -2 && side != s) {
                return -1;
            }
            side = s;
        }
        return side;
    }

    /** Rewrites a right-side expression from pair names ({@code right.x}) to the right input's names. */
    private static Expr toRight(Expr e, int leftSize, Schema pair, Schema right) {
        return e.transformUp(node -> {
            if (node instanceof Column c) {
                String name = right.field(pair.indexOf(c.name()) - leftSize).name();
                return name.equals(c.name()) ? c : new Column(name);
            }
            return node;
        });
    }
}
