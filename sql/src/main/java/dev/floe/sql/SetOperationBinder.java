package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Functions;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.MinusOp;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.UnionOp;

/**
 * {@code UNION | INTERSECT | EXCEPT [ALL]} through the DataFrame set operations, left to right:
 * columns match by position and take the left query's names, types widen to a common type.
 */
final class SetOperationBinder {
    private SetOperationBinder() {
    }

    static DataFrame bind(SetOperationList set, QueryBinder queries, Scope outer) {
        DataFrame df = queries.bind(set.getSelects().get(0), outer);
        for (int i = 1; i < set.getSelects().size(); i++) {
            DataFrame right = queries.bind(set.getSelects().get(i), outer);
            df = apply(set.getOperations().get(i - 1), df, right);
        }
        return df;
    }

    private static DataFrame apply(SetOperation op, DataFrame left, DataFrame right) {
        if (left.columnNames().size() != right.columnNames().size()) {
            throw SqlErrors.invalid(op + " needs queries with the same number of columns, but the left has "
                    + left.columnNames().size() + " (" + String.join(", ", left.columnNames()) + ") and the right "
                    + right.columnNames().size() + " (" + String.join(", ", right.columnNames()) + ")", Position.UNKNOWN);
        }
        boolean all = isAll(op);
        if (op instanceof UnionOp) {
            return all ? left.unionByName(namedLike(left, right), false) : left.union(right);
        }
        if (op instanceof IntersectOp) {
            return all ? left.intersectAll(right) : left.intersect(right);
        }
        if (op instanceof ExceptOp || op instanceof MinusOp) {
            return all ? left.exceptAll(right) : left.except(right);
        }
        throw SqlErrors.unsupported("the set operation " + op, Position.UNKNOWN);
    }

    private static boolean isAll(SetOperation op) {
        return op.toString().toUpperCase(java.util.Locale.ROOT).contains("ALL");
    }

    /** The right side's columns renamed by position to the left's names. */
    private static DataFrame namedLike(DataFrame left, DataFrame right) {
        List<Expression> projection = new ArrayList<>();
        for (int i = 0; i < left.columnNames().size(); i++) {
            projection.add(Functions.col(right.columnNames().get(i)).alias(left.columnNames().get(i)));
        }
        return right.select(projection.toArray(Expression[]::new));
    }
}
