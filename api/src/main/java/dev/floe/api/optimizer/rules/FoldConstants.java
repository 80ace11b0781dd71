package dev.floe.api.optimizer.rules;

import dev.floe.api.eval.ConstantEvaluator;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates subexpressions without column references once, with the runtime kernels, and
 * simplifies boolean identities that hold under three-valued logic ({@code x AND true = x},
 * {@code x AND false = false}, {@code x OR true = true}, {@code x OR false = x}); a filter on
 * literal true disappears. Output names are kept. Expressions that fail to evaluate (e.g.
 * overflow) are left for run time, where the error names the row.
 *
 * <pre>
 * Filter: a > 1 + 2 AND true     →   Filter: a > 3
 * </pre>
 */
public final class FoldConstants implements OptimizerRule {

    @Override
    public Optional<LogicalPlan> rewrite(LogicalPlan node) {
        if (node instanceof Filter f) {
            Expr p = fold(f.predicate());
            if (p instanceof Literal l && Boolean.TRUE.equals(l.value())) {
                return Optional.of(f.input());
            }
            return p.equals(f.predicate()) ? Optional.empty() : Optional.of(new Filter(f.input(), p));
        }
        if (node instanceof Project p) {
            List<Expr> out = new ArrayList<>(p.exprs().size());
            boolean changed = false;
            for (Expr e : p.exprs()) {
                Expr folded = fold(e);
                if (!folded.equals(e)) {
                    changed = true;
                    folded = Exprs.keepName(e, folded);
                }
                out.add(folded);
            }
            return changed ? Optional.of(Project.of(p.input(), out)) : Optional.empty();
        }
        if (node instanceof Scan s && !s.filters().isEmpty()) {
            List<Expr> out = new ArrayList<>();
            boolean changed = false;
            for (Expr e : s.filters()) {
                Expr folded = fold(e);
                changed |= !folded.equals(e);
                if (!(folded instanceof Literal l && Boolean.TRUE.equals(l.value()))) {
                    out.add(folded);
                }
            }
            return changed ? Optional.of(s.withFilters(out)) : Optional.empty();
        }
        return Optional.empty();
    }

    static Expr fold(Expr e) {
        return e.transformUp(FoldConstants::foldNode);
    }

    private static Expr foldNode(Expr e) {
        if (e instanceof Literal) {
            return e;
        }
        if (e instanceof Binary b && (b.op() == BinaryOp.AND || b.op() == BinaryOp.OR)) {
            Expr simplified = simplifyLogic(b);
            if (simplified != b) {
                return simplified;
            }
        }
        if (!e.columnRefs().isEmpty() || e instanceof dev.floe.api.expr.Alias) {
            return e;
        }
        return ConstantEvaluator.tryFold(e).map(l -> (Expr) l).orElse(e);
    }

    private static Expr simplifyLogic(Binary b) {
        boolean and = b.op() == BinaryOp.AND;
        Boolean l = boolLiteral(b.left());
        Boolean r = boolLiteral(b.right());
        if (l != null) {
            return and ? (l ? b.right() : b.left()) : (l ? b.left() : b.right());
        }
        if (r != null) {
            return and ? (r ? b.left() : b.right()) : (r ? b.right() : b.left());
        }
        return b;
    }

    private static Boolean boolLiteral(Expr e) {
        return e instanceof Literal lit && lit.value() instanceof Boolean v ? v : null;
    }
}
