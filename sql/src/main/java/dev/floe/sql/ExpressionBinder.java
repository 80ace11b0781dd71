package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.sql.functions.SqlArithmetic;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.IntegerDivision;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Turns a JSqlParser expression into a Floe {@link Expression} over the internal column names of
 * a {@link Scope}: operators and predicates here, literals in {@link Literals}, function calls,
 * aggregates and windows in {@link Calls}, subqueries through the {@link Subqueries} hook. The
 * result is checked by the DataFrame call that uses it (its type rules are SQL's).
 */
final class ExpressionBinder {
    private final Scope scope;
    private final Subqueries subqueries;
    private final Schema input;
    private final List<WindowDefinition> windows;
    private final SelectList aliases;
    private final boolean distinctAggregates;

    ExpressionBinder(Scope scope, Subqueries subqueries) {
        this(scope, subqueries, List.of(), null, false);
    }

    private ExpressionBinder(Scope scope, Subqueries subqueries, List<WindowDefinition> windows, SelectList aliases,
            boolean distinctAggregates) {
        this.scope = scope;
        this.subqueries = subqueries;
        this.input = scope.schema();
        this.windows = windows;
        this.aliases = aliases;
        this.distinctAggregates = distinctAggregates;
    }

    /**
     * This binder for a SELECT whose aggregation plans DISTINCT aggregates ({@link DistinctAggregation}):
     * their arguments come tagged ({@link AggregateCalls}).
     */
    ExpressionBinder withDistinctAggregates() {
        return new ExpressionBinder(scope, subqueries, windows, aliases, true);
    }

    boolean plansDistinctAggregates() {
        return distinctAggregates;
    }

    /** This binder with the windows of a {@code WINDOW w AS (...)} clause, for {@code OVER w}. */
    ExpressionBinder withWindows(List<WindowDefinition> named) {
        return named == null || named.isEmpty() ? this
                : new ExpressionBinder(scope, subqueries, List.copyOf(named), aliases, distinctAggregates);
    }

    /**
     * This binder where a name that is no column in scope may be an alias of the SELECT list (its
     * expression), as QUALIFY allows in DuckDB.
     */
    ExpressionBinder withAliases(SelectList select) {
        return new ExpressionBinder(scope, subqueries, windows, select, distinctAggregates);
    }

    /** The window named {@code name} in the WINDOW clause. */
    WindowDefinition window(String name, Position at) {
        return window(name, at, null);
    }

    /**
     * The window named {@code name} in the WINDOW clause, for a window defined there as
     * {@code before} (null for OVER): one defined before that one.
     */
    WindowDefinition window(String name, Position at, String before) {
        Identifier wanted = Identifier.of(name);
        List<String> names = new ArrayList<>();
        for (WindowDefinition w : windows) {
            if (before != null && w.getWindowName().equals(before)) {
                if (wanted.matches(Identifier.of(before).text())) {
                    throw SqlErrors.invalid("window '" + wanted + "' refines itself; refine a window defined before"
                            + " it in the WINDOW clause", at);
                }
                break;
            }
            if (wanted.matches(Identifier.of(w.getWindowName()).text())) {
                return w;
            }
            names.add(w.getWindowName());
        }
        if (before != null) {
            for (WindowDefinition w : windows) {
                if (wanted.matches(Identifier.of(w.getWindowName()).text())) {
                    throw SqlErrors.invalid("window '" + Identifier.of(before) + "' refines window '" + wanted
                            + "', which the WINDOW clause defines after it; define " + wanted + " first", at);
                }
            }
        }
        String closest = dev.floe.api.expr.Names.closest(name, names);
        throw SqlErrors.invalid("window '" + Identifier.of(name) + "' is not defined" + (closest == null ? ""
                : "; did you mean '" + closest + "'?") + " (define it in the query's WINDOW clause: WINDOW "
                + Identifier.of(name) + " AS (PARTITION BY ... ORDER BY ...))", at);
    }

    Scope scope() {
        return scope;
    }

    /** The types of the columns in scope, for the function registry's and operators' typing rules. */
    Schema input() {
        return input;
    }

    /** The type of {@code e} in the input, or null where there is no input yet ({@code sqlExpr}). */
    private DataType typeOf(Expression e) {
        return input == null ? null : e.node().type(input);
    }

    List<Expression> bindAll(List<? extends net.sf.jsqlparser.expression.Expression> nodes) {
        List<Expression> out = new ArrayList<>(nodes.size());
        for (net.sf.jsqlparser.expression.Expression n : nodes) {
            out.add(bind(n));
        }
        return out;
    }

    Expression bind(net.sf.jsqlparser.expression.Expression parsed) {
        net.sf.jsqlparser.expression.Expression node = InPrecedence.repair(parsed);
        if (node instanceof Column c) {
            return c.getArrayConstructor() == null ? column(c)
                    : Lists.subscript(column(c), c.getArrayConstructor(), Position.of(c), this);
        }
        if (node instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            return bind(p.get(0));
        }
        Expression literal = Literals.bind(node);
        if (literal != null) {
            return literal;
        }
        if (node instanceof BinaryExpression b && !(node instanceof LikeExpression)) {
            return binary(b);
        }
        if (node instanceof NotExpression n) {
            return bind(n.getExpression()).not();
        }
        if (node instanceof SignedExpression s) {
            Expression inner = bind(s.getExpression());
            return s.getSign() == '-' ? SqlArithmetic.negate(inner, Position.of(s.getExpression()).text()) : inner;
        }
        if (node instanceof Function f) {
            return Calls.function(f, this);
        }
        if (node instanceof AnalyticExpression a) {
            return Calls.window(a, this);
        }
        if (node instanceof CastExpression c) {
            return Casts.bind(c, this);
        }
        if (node instanceof ExtractExpression e) {
            return Calls.extract(e, this);
        }
        if (node instanceof net.sf.jsqlparser.expression.ArrayExpression a) {
            return Lists.subscript(a, this);
        }
        return predicate(node);
    }

    private Expression predicate(net.sf.jsqlparser.expression.Expression node) {
        if (node instanceof IsNullExpression n) {
            Expression e = bind(n.getLeftExpression());
            return n.isNot() ? e.notNull() : e.isNull();
        }
        if (node instanceof Between b) {
            Expression x = bind(b.getLeftExpression());
            DataType t = typeOf(x);
            String at = Position.of(b.getLeftExpression()).text();
            Expression e = x.between(SqlArithmetic.alignConstant(bind(b.getBetweenExpressionStart()), t, at),
                    SqlArithmetic.alignConstant(bind(b.getBetweenExpressionEnd()), t, at));
            return b.isNot() ? e.not() : e;
        }
        if (node instanceof LikeExpression l) {
            return like(l);
        }
        if (node instanceof InExpression in) {
            return in(in);
        }
        if (node instanceof CaseExpression c) {
            return caseWhen(c);
        }
        if (node instanceof ExistsExpression e) {
            return subqueries.exists(e, this);
        }
        if (node instanceof ParenthesedSelect s) {
            return subqueries.scalar(s, this);
        }
        throw SqlErrors.unsupported("the expression " + node + " (" + node.getClass().getSimpleName() + ")",
                Position.of(node));
    }

    private Expression column(Column c) {
        Identifier name = Identifier.of(c.getColumnName());
        Identifier qualifier = c.getTable() == null || c.getTable().getName() == null ? null
                : Identifier.of(c.getTable().getName());
        Position at = Position.of(c);
        if (aliases != null && qualifier == null && scope.matches(null, name).isEmpty()) {
            SelectList.Item item = aliases.byAlias(c);
            if (item != null) {
                return item.expr();
            }
        }
        for (Scope s = scope; s != null; s = s.outer()) {
            List<Scope.Entry> found = s.matches(qualifier, name);
            if (found.size() > 1) {
                List<String> names = new ArrayList<>();
                found.forEach(e -> names.add(e.qualifiedName()));
                throw SqlErrors.ambiguousColumn(c.getFullyQualifiedName(), at, names);
            }
            if (found.size() == 1) {
                if (s != scope && s != scope.outer()) {
                    throw SqlErrors.invalid("column " + found.get(0).qualifiedName() + " belongs to a query two or"
                            + " more levels out; Floe decorrelates a subquery against the query directly around it"
                            + " only: join " + (found.get(0).qualifier() == null ? "its table" : found.get(0).qualifier())
                            + " into that query, or rewrite the subqueries as joins", at);
                }
                return s == scope ? Functions.col(found.get(0).internal())
                        : subqueries.outerColumn(found.get(0), s, at);
            }
        }
        String written = c.getFullyQualifiedName();
        throw SqlErrors.unknownColumn(written, at, qualifier == null ? scope.plainNames() : scope.names(), scope.names());
    }

    /** Operators through the SQL typing rules of {@link SqlArithmetic} (date +/- interval, integer division, ...). */
    private Expression binary(BinaryExpression b) {
        if (b instanceof AndExpression) {
            return bind(b.getLeftExpression()).and(bind(b.getRightExpression()));
        }
        if (b instanceof OrExpression) {
            return bind(b.getLeftExpression()).or(bind(b.getRightExpression()));
        }
        if (b.getRightExpression() instanceof AnyComparisonExpression q) {
            return Quantified.bind(b.getStringExpression(), b.getLeftExpression(), q, this, subqueries);
        }
        Expression l = bind(b.getLeftExpression());
        Expression r = bind(b.getRightExpression());
        if (b instanceof IsDistinctExpression d) {
            Expression same = SqlArithmetic.binary("<=>", l, r, position(b), input);
            return d.isNot() ? same : same.not();
        }
        String op = b instanceof IntegerDivision ? "//" : b instanceof Concat ? "||" : b.getStringExpression();
        return SqlArithmetic.binary(op, l, r, position(b), input);
    }

    /** Operators carry no position; the nearest one of their operands does. */
    private static String position(BinaryExpression b) {
        Position at = Position.of(b.getLeftExpression());
        return (at.line() != 0 ? at : Position.of(b.getRightExpression())).text();
    }

    private Expression like(LikeExpression l) {
        if (l.getEscape() != null) {
            throw SqlErrors.unsupported("LIKE ... ESCAPE", Position.of(l.getRightExpression()));
        }
        Expression subject = bind(l.getLeftExpression());
        if (!(l.getRightExpression() instanceof net.sf.jsqlparser.expression.StringValue pattern)) {
            throw SqlErrors.unsupported("LIKE with a pattern that is not a string literal (" + l.getRightExpression()
                    + ")", Position.of(l.getRightExpression()));
        }
        if (l.getLikeKeyWord() == LikeExpression.KeyWord.ILIKE) {
            subject = subject.str().lower();
        }
        String p = l.getLikeKeyWord() == LikeExpression.KeyWord.ILIKE
                ? pattern.getValue().toLowerCase(java.util.Locale.ROOT) : pattern.getValue();
        Expression e = subject.str().like(p);
        return l.isNot() ? e.not() : e;
    }

    private Expression in(InExpression in) {
        net.sf.jsqlparser.expression.Expression right = in.getRightExpression();
        if (right instanceof Select select) {
            return subqueries.in(in, select, this);
        }
        Expression left = bind(in.getLeftExpression());
        DataType t = typeOf(left);
        String at = Position.of(in.getLeftExpression()).text();
        List<Expression> values = new ArrayList<>();
        for (Expression v : right instanceof ExpressionList<?> list ? bindAll(list) : List.of(bind(right))) {
            values.add(SqlArithmetic.alignConstant(v, t, at));
        }
        Expression e = Predicates.in(left, values);
        return in.isNot() ? e.not() : e;
    }

    private Expression caseWhen(CaseExpression c) {
        Expression subject = c.getSwitchExpression() == null ? null : bind(c.getSwitchExpression());
        Functions.When when = null;
        Functions.Branch branch = null;
        for (WhenClause w : c.getWhenClauses()) {
            Expression cond = bind(w.getWhenExpression());
            if (subject != null) {
                cond = subject.eq(cond);
            }
            when = branch == null ? Functions.when(cond) : branch.when(cond);
            branch = when.then(bind(w.getThenExpression()));
        }
        Expression otherwise = c.getElseExpression() == null ? Functions.lit(null) : bind(c.getElseExpression());
        return branch.otherwise(otherwise);
    }
}
