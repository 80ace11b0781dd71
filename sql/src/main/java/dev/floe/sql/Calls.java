package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.expr.Literal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.statement.select.AllColumns;

/**
 * Function calls by name: aggregates ({@link Aggregates}), window-only functions and
 * {@code OVER} ({@link Windows}), scalar functions ({@link ScalarFunctions}), {@code EXTRACT}.
 */
final class Calls {
    private Calls() {
    }

    static Expression function(Function f, ExpressionBinder binder) {
        String name = f.getName().toLowerCase(Locale.ROOT);
        Position at = Position.of(f);
        if (name.equals("grouping") || name.equals("grouping_id")) {
            return grouping(name, arguments(f, binder), at);
        }
        if (Aggregates.isAggregate(name)) {
            boolean star = f.isAllColumns() || f.getParameters() != null && f.getParameters().size() == 1
                    && f.getParameters().get(0) instanceof AllColumns;
            List<Expression> args = star ? List.of() : arguments(f, binder);
            return Aggregates.call(name, args, f.isDistinct(), star, at);
        }
        return ScalarFunctions.call(name, arguments(f, binder), at);
    }

    static Expression window(net.sf.jsqlparser.expression.AnalyticExpression a, ExpressionBinder binder) {
        return Windows.bind(a, binder);
    }

    static Expression extract(ExtractExpression e, ExpressionBinder binder) {
        return ScalarFunctions.datePart(e.getName(), binder.bind(e.getExpression()), Position.of(e.getExpression()));
    }

    /** The arguments, also of {@code substring(x FROM 1 FOR 2)}, which the parser keeps as named ones. */
    static List<Expression> arguments(Function f, ExpressionBinder binder) {
        ExpressionList<?> params = f.getParameters();
        if (params != null) {
            return binder.bindAll(params);
        }
        NamedExpressionList<?> named = f.getNamedParameters();
        return named == null ? List.of() : binder.bindAll(named);
    }

    private static Expression grouping(String name, List<Expression> args, Position at) {
        if (name.equals("grouping_id") && args.isEmpty()) {
            return Functions.groupingId();
        }
        if (args.size() != 1) {
            throw SqlErrors.unsupported(name + " of " + args.size() + " arguments (use one key per grouping(...))", at);
        }
        return Functions.grouping(args.get(0));
    }

    /** The int value of a literal argument (an offset, a length, a bucket count). */
    static int intArgument(Expression e, String function, Position at) {
        if (e.node() instanceof Literal l && l.value() instanceof Number n) {
            return n.intValue();
        }
        throw SqlErrors.invalid(function + " takes a whole-number constant here, got " + e, at);
    }

    static List<String> names(List<Expression> args) {
        List<String> out = new ArrayList<>();
        args.forEach(a -> out.add(a.toString()));
        return out;
    }
}
