package dev.floe.sql;

import dev.floe.api.Expression;
import dev.floe.api.expr.SortKey;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * ORDER BY directions: ASC (default) or DESC, and NULLS FIRST | LAST; without NULLS, nulls sort
 * last in both directions, as DuckDB does (PostgreSQL puts them first when descending).
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
}
