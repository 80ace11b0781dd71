package dev.floe.api.optimizer.rules;

import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Subquery;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Replaces chosen subqueries in a filter's predicate or a projection's expressions by columns of
 * joins added below the node, and restores the node's output columns.
 */
final class SubqueryRewrite {
    private SubqueryRewrite() {
    }

    static Optional<LogicalPlan> rewrite(LogicalPlan node, Predicate<Subquery> chosen,
            BiFunction<LogicalPlan, Subquery, SubqueryJoins.Joined> join) {
        List<Expr> exprs;
        LogicalPlan input;
        if (node instanceof Filter f) {
            // conjuncts without a subquery filter the input before the joins: a comma join's keys
            // then stay on its cross joins, where join reordering and push-down find them
            List<Expr> plain = new ArrayList<>();
            List<Expr> withSubquery = new ArrayList<>();
            for (Expr c : Exprs.conjuncts(f.predicate())) {
                (Subquery.in(c).isEmpty() ? plain : withSubquery).add(c);
            }
            input = plain.isEmpty() || withSubquery.isEmpty() ? f.input() : new Filter(f.input(), Exprs.and(plain));
            exprs = List.of(withSubquery.isEmpty() || plain.isEmpty() ? f.predicate() : Exprs.and(withSubquery));
        } else if (node instanceof Project p) {
            exprs = p.exprs();
            input = p.input();
        } else {
            return Optional.empty();
        }
        Map<Subquery, Expr> replacements = new LinkedHashMap<>();
        LogicalPlan current = input;
        for (Expr e : exprs) {
            for (Subquery s : Subquery.in(e)) {
                if (chosen.test(s) && !replacements.containsKey(s)) {
                    SubqueryJoins.Joined j = join.apply(current, s);
                    current = j.plan();
                    replacements.put(s, j.expr());
                }
            }
        }
        if (replacements.isEmpty()) {
            return Optional.empty();
        }
        List<Expr> rewritten = new ArrayList<>();
        for (Expr e : exprs) {
            Expr r = e.transformUp(x -> x instanceof Subquery s && replacements.containsKey(s) ? replacements.get(s) : x);
            boolean keepName = node instanceof Filter || e instanceof Alias || r.name().equals(e.name());
            rewritten.add(keepName ? r : new Alias(r, e.name()));
        }
        if (node instanceof Filter f) {
            return Optional.of(SubqueryJoins.restore(new Filter(current, rewritten.get(0)), f.schema()));
        }
        return Optional.of(Project.of(current, rewritten));
    }
}
