package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.PlanException;
import org.junit.jupiter.api.Test;

/** Each error names the position, the name that failed and the closest one that exists. */
class SqlErrorsTest {

    private static void fails(String sql, String message) {
        assertThatThrownBy(() -> SqlTesting.plan(sql)).isInstanceOf(PlanException.class)
                .hasMessageStartingWith(message + " (at SqlErrorsTest.java:");
    }

    @Test
    void unknownColumnSuggestsTheClosest() {
        fails("SELECT o_ordrkey FROM orders", "SQL error at 1:8: column 'o_ordrkey' not found; did you mean"
                + " 'o_orderkey'? (columns in scope: orders.o_orderkey, orders.o_custkey, orders.o_totalprice,"
                + " orders.o_orderdate, orders.o_orderpriority)");
    }

    @Test
    void unknownQualifiedColumnSuggestsAQualifiedName() {
        fails("SELECT x.a FROM t", "SQL error at 1:8: column 'x.a' not found; did you mean 't.a'? (columns in scope:"
                + " t.a, t.b, t.s)");
    }

    @Test
    void quotedNamesMatchTheirExactSpelling() {
        fails("SELECT \"A\" FROM t", "SQL error at 1:8: column '\"A\"' not found; did you mean 'a'? (columns in scope:"
                + " t.a, t.b, t.s)");
    }

    @Test
    void unknownTableOnTheSecondLine() {
        fails("SELECT o_orderkey\nFROM ordrs", "SQL error at 2:6: table 'ordrs' not found; did you mean 'orders'?"
                + " (tables: orders, customer, nation, t, u). Register one with floe.register(\"ordrs\", df) or read"
                + " files with FROM 'path/*.parquet'");
    }

    @Test
    void ambiguousColumn() {
        fails("SELECT a FROM t, u", "SQL error at 1:8: column reference 'a' is ambiguous: it may be t.a or u.a;"
                + " qualify it with its table, e.g. t.a");
    }

    @Test
    void columnNeitherGroupedNorAggregated() {
        fails("SELECT a, b + 1 FROM t GROUP BY a", "SQL error at 1:11: column t.b in the SELECT list must appear in"
                + " the GROUP BY clause or be used in an aggregate function");
    }

    @Test
    void syntaxErrorNamesTheToken() {
        fails("SELECT a FROM t WHERE a = = 1", "SQL syntax error at 1:25: unexpected '=' in: SELECT a FROM t WHERE a = = 1");
    }

    @Test
    void unknownFunction() {
        fails("SELECT uper(s) FROM t", "Unknown function 'uper' at 1:8; did you mean 'upper'?");
    }

    @Test
    void orderByPositionOutOfRange() {
        fails("SELECT a FROM t ORDER BY 3", "SQL error at 1:26: position 3 is not in the select list, which has 1 column");
    }

    @Test
    void distinctOrderedByAnUnselectedColumn() {
        fails("SELECT DISTINCT a FROM t ORDER BY b", "SQL error at 1:35: for SELECT DISTINCT, ORDER BY expressions"
                + " must appear in the select list: b");
    }

    @Test
    void correlationTwoQueriesOut() {
        fails("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE EXISTS (\n  SELECT 1 FROM orders WHERE o_orderkey = t.a))",
                "SQL error at 2:43: column t.a belongs to a query two or more levels out; Floe decorrelates a subquery"
                + " against the query directly around it only: join t into that query, or rewrite the subqueries as"
                + " joins");
    }

    @Test
    void subqueryInAnOuterJoinsCondition() {
        fails("SELECT t.a FROM t LEFT JOIN u ON t.a = u.a AND u.c IN (SELECT o_custkey FROM orders)",
                "SQL error at 1:48: a subquery in the ON condition of a LEFT JOIN is not supported (u.c IN (SELECT"
                + " o_custkey FROM orders)); compute it in a derived table and join that in");
    }

    @Test
    void unknownNamedWindow() {
        fails("SELECT sum(b) OVER v FROM t WINDOW w AS (PARTITION BY a)", "SQL error at 1:8: window 'v' is not defined;"
                + " did you mean 'w'? (define it in the query's WINDOW clause: WINDOW v AS (PARTITION BY ... ORDER BY"
                + " ...))");
    }

    @Test
    void aNamedWindowRefinedInOverIsASyntaxError() {
        fails("SELECT sum(b) OVER (w ROWS 1 PRECEDING) FROM t WINDOW w AS (ORDER BY a)", "SQL syntax error at 1:21:"
                + " unexpected 'w' in: SELECT sum(b) OVER (w ROWS 1 PRECEDING) FROM t WINDOW w AS (ORDER BY a)");
    }

    @Test
    void distinctAggregateOverAWindow() {
        fails("SELECT sum(DISTINCT b) OVER (PARTITION BY a) FROM t", "SQL error at 1:8: sum(DISTINCT ...) OVER (...) is"
                + " not supported; aggregate the distinct values in a derived table and join it back, or use"
                + " count(DISTINCT ...) OVER");
    }

    @Test
    void valuesRowsOfDifferentWidths() {
        fails("VALUES (1, 'a'), (2)", "SQL error at 1:19: VALUES rows must all have 2 values, but row 2 has 1: [2]");
    }

    @Test
    void valuesTakeConstants() {
        fails("SELECT * FROM (VALUES (1), (a)) v(x)", "SQL error at 1:29: VALUES takes constants, but a is not one; compute it"
                + " in a SELECT over the VALUES table");
    }

    @Test
    void valuesColumnWithoutACommonType() {
        fails("VALUES (1), ('a')", "SQL error: VALUES column 1 mixes int32 and string, which have no common type;"
                + " cast one of them");
    }

    @Test
    void quantifiedSubqueryWithTwoColumns() {
        fails("SELECT a FROM t WHERE a > ALL (SELECT a, c FROM u)", "SQL error at 1:23: the subquery of > ALL must"
                + " return one column, but it returns 2 (a, c)");
    }
}
