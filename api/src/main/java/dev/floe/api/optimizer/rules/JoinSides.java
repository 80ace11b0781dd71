package dev.floe.api.optimizer.rules;

import dev.floe.api.JoinType;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.plan.Join;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which join output columns come from one input alone, and under what name there: the rules that
 * move predicates or requirements across a {@link Join} translate through these maps (an output
 * {@code right.x} is the right input's {@code x}). A merged OUTER key, coalesce(left, right),
 * belongs to neither side.
 */
final class JoinSides {
    private JoinSides() {
    }

    /**
     * Whether a filter above a join of this type may move into its left input: the join never pads
     * the left side with nulls (INNER, LEFT, SEMI, ANTI).
     */
    static boolean filterReachesLeft(JoinType type) {
        return type == JoinType.INNER || type == JoinType.LEFT || type == JoinType.SEMI || type == JoinType.ANTI;
    }

    /** Whether a filter above a join of this type may move into its right input (INNER, RIGHT). */
    static boolean filterReachesRight(JoinType type) {
        return type == JoinType.INNER || type == JoinType.RIGHT;
    }

    /** Output name → left input column name, for outputs read from the left input only. */
    static Map<String, String> fromLeft(Join join) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Join.Output o : join.outputs()) {
            if (o.leftIndex() >= 0 && o.rightIndex() < 0) {
                out.put(o.name(), join.left().schema().field(o.leftIndex()).name());
            }
        }
        return out;
    }

    /** Output name → right input column name, for outputs read from the right input only. */
    static Map<String, String> fromRight(Join join) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Join.Output o : join.outputs()) {
            if (o.rightIndex() >= 0 && o.leftIndex() < 0) {
                out.put(o.name(), join.right().schema().field(o.rightIndex()).name());
            }
        }
        return out;
    }

    /** True when the expression reads at least one column and only columns named in {@code side}. */
    static boolean readsOnly(Expr e, Map<String, String> side) {
        List<String> refs = e.columnRefs();
        return !refs.isEmpty() && side.keySet().containsAll(refs);
    }

    /** Rewrites output column names into one input's names. */
    static Expr toInput(Expr e, Map<String, String> side) {
        return e.transformUp(node -> node instanceof Column c && side.containsKey(c.name())
                && !side.get(c.name()).equals(c.name()) ? new Column(side.get(c.name())) : node);
    }

    /** The column a key reads when it is a plain reference, possibly under a strict (coercion) cast; else null. */
    static Column plainColumn(Expr key) {
        Expr e = key instanceof Cast c && !c.lenient() ? c.child() : key;
        return e instanceof Column col ? col : null;
    }
}
