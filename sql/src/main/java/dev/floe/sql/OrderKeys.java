package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.expr.SortKey;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * ORDER BY directions: ASC (default) or DESC, and NULLS FIRST | LAST; without NULLS, nulls sort
 * last in both directions, as DuckDB does (PostgreSQL puts them first when descending).
 * {@code ORDER BY ALL} sorts by every select item.
 */
final class OrderKeys {
    private OrderKeys() {
    }

    static Expression key(Expression e, OrderByElement o) {
        boolean descending = !o.isAsc();
        boolean nullsFirst = switch (o.getNullOrdering() == null ? "" : o.getNullOrdering().name()) {
            case "NULLS_FIRST" -> true;
            case "NULLS_LAST" -> false;
            default -> false;
        };
        return Expression.of(new SortKey(e.node(), descending, nullsFirst));
    }

    /**
     * The ORDER BY list with {@code ORDER BY ALL [ASC|DESC] [NULLS ...]} (DuckDB) expanded to the
     * select items' positions, left to right; empty for none.
     */
    static java.util.List<OrderByElement> expandAll(java.util.List<OrderByElement> orderBy, int items) {
        if (orderBy == null) {
            return java.util.List.of();
        }
        if (orderBy.size() != 1 || !(orderBy.get(0).getExpression() instanceof net.sf.jsqlparser.expression.AllValue)) {
            return orderBy;
        }
        OrderByElement all = orderBy.get(0);
        java.util.List<OrderByElement> out = new java.util.ArrayList<>();
        for (int i = 1; i <= items; i++) {
            OrderByElement o = new OrderByElement();
            o.setExpression(new net.sf.jsqlparser.expression.LongValue(i));
            o.setAsc(all.isAsc());
            o.setNullOrdering(all.getNullOrdering());
            out.add(o);
        }
        return out;
    }
}
