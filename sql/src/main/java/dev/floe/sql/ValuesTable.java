package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.PlanException;
import dev.floe.api.eval.ConstantEvaluator;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.TypeRules;
import dev.floe.api.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.Values;

/**
 * {@code VALUES (1, 'a'), (2, 'b')} as a table, at the top level or in FROM (with
 * {@code AS t(x, y)}): columns {@code col0, col1, ...} as in DuckDB, each of the common type of its
 * values (the type rules of UNION), built as one in-memory table. The values are constants
 * (literals, or expressions of literals folded at planning).
 */
final class ValuesTable {
    private ValuesTable() {
    }

    static DataFrame bind(Values values, QueryBinder queries, Scope outer) {
        List<List<net.sf.jsqlparser.expression.Expression>> rows = rows(values.getExpressions());
        ExpressionBinder binder = new ExpressionBinder(Scope.empty(null), queries.subqueries());
        int width = rows.get(0).size();
        List<List<Literal>> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            columns.add(new ArrayList<>());
        }
        for (int r = 0; r < rows.size(); r++) {
            List<net.sf.jsqlparser.expression.Expression> row = rows.get(r);
            if (row.size() != width) {
                throw SqlErrors.invalid("VALUES rows must all have " + width + " values, but row " + (r + 1) + " has "
                        + row.size() + ": " + row, Position.of(row.get(0)));
            }
            for (int c = 0; c < width; c++) {
                columns.get(c).add(constant(row.get(c), binder));
            }
        }
        Map<String, List<?>> data = new LinkedHashMap<>();
        List<DataType> types = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            String name = "col" + c;
            DataType type = commonType(columns.get(c), name, rows, c);
            types.add(type);
            List<Object> cells = new ArrayList<>();
            for (Literal l : columns.get(c)) {
                cells.add(l.value() == null || l.type().equals(type) ? l.value() : cast(l, type).value());
            }
            data.put(name, cells);
        }
        DataFrame df = queries.context().sources().fromColumns(data);
        List<Expression> typed = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            String name = "col" + c;
            DataType have = df.schema().field(c).type();
            typed.add(have.equals(types.get(c)) ? dev.floe.api.Functions.col(name)
                    : Expression.of(new Cast(new Column(name), types.get(c), false)).alias(name));
        }
        return df.select(typed.toArray(Expression[]::new));
    }

    private static List<List<net.sf.jsqlparser.expression.Expression>> rows(ExpressionList<?> list) {
        List<List<net.sf.jsqlparser.expression.Expression>> rows = new ArrayList<>();
        if (list instanceof ParenthesedExpressionList<?> one) {
            rows.add(new ArrayList<>(one));
            return rows;
        }
        for (net.sf.jsqlparser.expression.Expression e : list) {
            rows.add(e instanceof ParenthesedExpressionList<?> p ? new ArrayList<>(p) : List.of(e));
        }
        return rows;
    }

    private static Literal constant(net.sf.jsqlparser.expression.Expression e, ExpressionBinder binder) {
        PlanException notConstant = SqlErrors.invalid("VALUES takes constants, but " + e + " is not one; compute it"
                + " in a SELECT over the VALUES table", Position.of(e));
        Expr bound;
        try {
            bound = binder.bind(e).node().unalias();
        } catch (PlanException ex) {
            notConstant.addSuppressed(ex);
            throw notConstant;
        }
        if (bound instanceof Literal l) {
            return l;
        }
        return ConstantEvaluator.tryFold(bound).orElseThrow(() -> notConstant);
    }

    private static DataType commonType(List<Literal> values, String name, List<?> rows, int column) {
        DataType type = null;
        for (Literal l : values) {
            if (l.value() == null) {
                continue;
            }
            try {
                type = type == null ? l.type() : TypeRules.commonType(new Column(name), type, l.type());
            } catch (PlanException ex) {
                throw SqlErrors.invalid("VALUES column " + (column + 1) + " mixes " + type + " and " + l.type()
                        + ", which have no common type; cast one of them", Position.UNKNOWN);
            }
        }
        return type == null ? DataType.nullType() : type;
    }

    private static Literal cast(Literal l, DataType type) {
        return ConstantEvaluator.tryFold(new Cast(l, type, false)).orElseThrow(() -> SqlErrors.invalid(
                "cannot cast the VALUES entry " + l.value() + " to " + type, Position.UNKNOWN));
    }
}
