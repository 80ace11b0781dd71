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
