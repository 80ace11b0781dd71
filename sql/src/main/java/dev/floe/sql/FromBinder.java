package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.JoinType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;

/**
 * The FROM clause: tables (CTEs, tables given with the query, the catalog), files
 * ({@code 'path/*.parquet'}, {@code read_parquet}/{@code read_csv}/{@code read_json}), derived
 * tables, {@code (VALUES ...) AS t(x, y)} ({@link ValuesTable}), and joins. Comma joins and CROSS
 * JOIN are cross joins whose WHERE conditions the optimizer turns into join keys; ON conditions go
 * to the DataFrame's condition join (equalities become hash keys, the rest a residual); USING and
 * NATURAL join on the named columns.
 */
final class FromBinder {
    private final QueryBinder queries;
    private final Scope outer;

    FromBinder(QueryBinder queries, Scope outer) {
        this.queries = queries;
        this.outer = outer;
    }

    Relation bind(FromItem from, List<Join> joins) {
        if (from == null) {
            return new Relation(queries.context().sources().fromColumns(java.util.Map.of("one", List.of(1))),
                    Scope.empty(outer));
        }
        Relation r = item(from);
        if (joins != null) {
            for (Join j : joins) {
                r = join(r, j);
            }
        }
        return r;
    }

    private Relation item(FromItem from) {
        String alias = alias(from.getAlias());
        if (from instanceof Table t) {
            return table(t, alias);
        }
        if (from instanceof ParenthesedSelect p) {
            DataFrame df = queries.bind(p.getSelect(), outer);
            df = renamed(df, from.getAlias());
            return Relation.of(df, alias, outer);
        }
        if (from instanceof TableFunction f) {
            DataFrame df = renamed(file(f.getFunction()), from.getAlias());
            return Relation.of(df, alias != null ? alias : f.getFunction().getName(), outer);
        }
        if (from instanceof ParenthesedFromItem p && p.getFromItem() instanceof Values v
                && (p.getJoins() == null || p.getJoins().isEmpty())) {
            DataFrame df = renamed(queries.bind(v, outer), from.getAlias());
            return Relation.of(df, alias != null ? alias : "values", outer);
        }
        if (from instanceof Values v) {
            DataFrame df = renamed(queries.bind(v, outer), v.getAlias());
            return Relation.of(df, alias(v.getAlias()) != null ? alias(v.getAlias()) : "values", outer);
        }
        if (from instanceof ParenthesedFromItem p) {
            if (alias != null) {
                throw SqlErrors.unsupported("an alias for a parenthesized join", Position.UNKNOWN);
            }
            return bind(p.getFromItem(), p.getJoins());
        }
        throw SqlErrors.unsupported("the FROM item " + from, Position.UNKNOWN);
    }

    private Relation table(Table t, String alias) {
        String raw = t.getFullyQualifiedName();
        Position at = Position.of(t);
        if (raw.startsWith("'")) {
            String path = Literals.unquote(raw);
            DataFrame df = Files.read(queries.context().sources(), Files.formatOf(path, at), path);
            return Relation.of(df, alias != null ? alias : Files.baseName(path), outer);
        }
        Identifier name = Identifier.of(t.getName());
        if (t.getSchemaName() != null) {
            throw SqlErrors.unsupported("the schema-qualified table name " + raw + " (tables have one-part names)", at);
        }
        DataFrame df = queries.context().table(name);
        if (df == null) {
            throw SqlErrors.unknownTable(name.text(), at, queries.context().tableNames());
        }
        renamedColumnsCheck(t);
        return Relation.of(df, alias != null ? alias : name.text(), outer);
    }

    private static void renamedColumnsCheck(Table t) {
        if (t.getAlias() != null && t.getAlias().getAliasColumns() != null) {
            throw SqlErrors.unsupported("column aliases on a table (" + t.getAlias() + "): alias them in a derived table",
                    Position.of(t));
        }
    }

    private DataFrame file(Function f) {
        String name = f.getName().toLowerCase(Locale.ROOT);
        Position at = Position.of(f);
        String format = switch (name) {
            case "read_parquet", "parquet_scan" -> "parquet";
            case "read_csv", "read_csv_auto" -> "csv";
            case "read_json", "read_json_auto", "read_ndjson" -> "json";
            default -> throw SqlErrors.invalid("unknown table function '" + f.getName()
                    + "'; use read_parquet('path'), read_csv('path') or read_json('path')", at);
        };
        if (f.getParameters() == null || f.getParameters().size() != 1
                || !(f.getParameters().get(0) instanceof StringValue path)) {
            throw SqlErrors.invalid(f.getName() + " takes one path as a string, e.g. " + name + "('data/*." + format + "')", at);
        }
        return Files.read(queries.context().sources(), format, path.getValue());
    }

    private static DataFrame renamed(DataFrame df, Alias alias) {
        if (alias == null || alias.getAliasColumns() == null || alias.getAliasColumns().isEmpty()) {
            return df;
        }
        List<String> names = new ArrayList<>();
        alias.getAliasColumns().forEach(c -> names.add(Identifier.of(c.name).text()));
        return QueryBinder.rename(df, names, alias.getName());
    }

    private static String alias(Alias a) {
        return a == null ? null : Identifier.of(a.getName()).text();
    }

    private Relation join(Relation left, Join j) {
        Relation right = item(j.getFromItem()).distinctFrom(left);
        if (j.isSimple() || j.isCross()) {
            return new Relation(left.df().crossJoin(right.df()), combined(left, right));
        }
        JoinType type = j.isFull() ? JoinType.OUTER : j.isLeft() ? JoinType.LEFT : j.isRight() ? JoinType.RIGHT
                : JoinType.INNER;
        if (j.isNatural() || j.getUsingColumns() != null && !j.getUsingColumns().isEmpty()) {
            return Using.join(left, right, usingNames(j, left, right), type, outer);
        }
        if (j.getOnExpressions() == null || j.getOnExpressions().isEmpty()) {
            throw SqlErrors.invalid("a " + type.name() + " JOIN needs ON, USING or NATURAL", Position.UNKNOWN);
        }
        Scope both = combined(left, right);
        ExpressionBinder binder = new ExpressionBinder(both, queries.subqueries());
        Expression on = null;
        Expression above = null;
        for (net.sf.jsqlparser.expression.Expression e : j.getOnExpressions()) {
            for (net.sf.jsqlparser.expression.Expression conjunct : conjuncts(e)) {
                Expression c = binder.bind(conjunct);
                if (!hasSubquery(c.node())) {
                    on = on == null ? c : on.and(c);
                } else if (type == JoinType.INNER) {
                    // an inner join's condition may as well filter its result, where subqueries decorrelate
                    above = above == null ? c : above.and(c);
                } else {
                    throw SqlErrors.invalid("a subquery in the ON condition of a " + type.name() + " JOIN is not"
                            + " supported (" + conjunct + "); compute it in a derived table and join that in",
                            start(conjunct));
                }
            }
        }
        DataFrame joined = on == null ? left.df().crossJoin(right.df()) : left.df().join(right.df(), on, type);
        return new Relation(above == null ? joined : joined.where(above), both);
    }

    private static List<net.sf.jsqlparser.expression.Expression> conjuncts(net.sf.jsqlparser.expression.Expression e) {
        net.sf.jsqlparser.expression.Expression node = e;
        while (node instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> p
                && p.size() == 1) {
            node = p.get(0);
        }
        if (node instanceof net.sf.jsqlparser.expression.operators.conditional.AndExpression a) {
            List<net.sf.jsqlparser.expression.Expression> out = new ArrayList<>(conjuncts(a.getLeftExpression()));
            out.addAll(conjuncts(a.getRightExpression()));
            return out;
        }
        return List.of(e);
    }

    /** Where an expression starts in the text: its leftmost operand's position. */
    private static Position start(net.sf.jsqlparser.expression.Expression e) {
        if (e instanceof net.sf.jsqlparser.expression.BinaryExpression b) {
            return start(b.getLeftExpression());
        }
        if (e instanceof net.sf.jsqlparser.expression.operators.relational.InExpression in) {
            return start(in.getLeftExpression());
        }
        return Position.of(e);
    }

    private static boolean hasSubquery(dev.floe.api.expr.Expr e) {
        return e instanceof dev.floe.api.expr.Subquery || e.children().stream().anyMatch(FromBinder::hasSubquery);
    }

    private static List<String> usingNames(Join j, Relation left, Relation right) {
        List<String> names = new ArrayList<>();
        if (j.isNatural()) {
            for (Scope.Entry l : left.scope().star(null)) {
                if (!right.scope().matches(null, new Identifier(l.name(), false)).isEmpty()) {
                    names.add(l.name());
                }
            }
            return names;
        }
        for (Column c : j.getUsingColumns()) {
            names.add(c.getColumnName());
        }
        return names;
    }

    static Scope combined(Relation left, Relation right) {
        List<Scope.Entry> entries = new ArrayList<>(left.scope().entries());
        entries.addAll(right.scope().entries());
        return new Scope(entries, left.scope().outer());
    }
}
