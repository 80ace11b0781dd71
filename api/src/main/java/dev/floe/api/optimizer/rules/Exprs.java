package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Expression helpers shared by the rules: conjunct splitting, substitution, cost classes. */
final class Exprs {
    private Exprs() {
    }

    static List<Expr> conjuncts(Expr e) {
        return Binary.conjuncts(e);
    }

    /** The parts of {@code e} joined by OR, left to right ({@code e} itself when it is no OR). */
    static List<Expr> disjuncts(Expr e) {
        List<Expr> out = new java.util.ArrayList<>();
        addDisjuncts(e, out);
        return out;
    }

    private static void addDisjuncts(Expr e, List<Expr> out) {
        if (e instanceof Binary b && b.op() == BinaryOp.OR) {
            addDisjuncts(b.left(), out);
            addDisjuncts(b.right(), out);
        } else {
            out.add(e);
        }
    }

    static Expr or(List<Expr> parts) {
        Expr out = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            out = new Binary(BinaryOp.OR, out, parts.get(i));
        }
        return out;
    }

    /**
     * True when evaluating {@code e} twice, once, or on other rows gives the same answers: no user
     * function (which may be costly, stateful or random) anywhere in it, no subquery (which the
     * decorrelation rules must find where it was written), and no rand or monotonically_increasing_id.
     */
    static boolean isDeterministic(Expr e) {
        if (e instanceof dev.floe.api.expr.Udf || e instanceof dev.floe.api.expr.Subquery
                || e instanceof dev.floe.api.expr.Nondeterministic) {
            return false;
        }
        for (Expr child : e.children()) {
            if (!isDeterministic(child)) {
                return false;
            }
        }
        return true;
    }

    static Expr and(List<Expr> parts) {
        Expr out = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            out = new Binary(BinaryOp.AND, out, parts.get(i));
        }
        return out;
    }

    /** Output name → defining expression (without its alias) of a projection list. */
    static Map<String, Expr> definitions(List<Expr> exprs) {
        Map<String, Expr> out = new HashMap<>();
        for (Expr e : exprs) {
            out.put(e.name(), e.unalias());
        }
        return out;
    }

    /** Replaces column references by their definitions. */
    static Expr substitute(Expr e, Map<String, Expr> defs) {
        return e.transformUp(node -> node instanceof Column c && defs.containsKey(c.name()) ? defs.get(c.name()) : node);
    }

    /** Columns and literals cost nothing to compute twice. */
    static boolean isTrivial(Expr e) {
        Expr x = e instanceof Alias a ? a.child() : e;
        return x instanceof Column || x instanceof Literal;
    }

    /** Keeps the output name of {@code original} on {@code rewritten}. */
    static Expr keepName(Expr original, Expr rewritten) {
        String name = original.name();
        return rewritten.name().equals(name) ? rewritten : new Alias(rewritten.unalias(), name);
    }

    /** How many times each column is referenced in the expressions (counting repeats). */
    static Map<String, Integer> referenceCounts(List<Expr> exprs) {
        Map<String, Integer> counts = new HashMap<>();
        for (Expr e : exprs) {
            count(e, counts);
        }
        return counts;
    }

    private static void count(Expr e, Map<String, Integer> counts) {
        if (e instanceof Column c) {
            counts.merge(c.name(), 1, Integer::sum);
        }
        for (Expr child : e.children()) {
            count(child, counts);
        }
    }
}
