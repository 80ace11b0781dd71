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
    void aRefiningWindowCannotReplaceTheNamedWindowsOrderBy() {
        fails("SELECT sum(b) OVER (w ORDER BY b) FROM t WINDOW w AS (PARTITION BY a ORDER BY a)", "SQL error at 1:21:"
                + " window 'w' has an ORDER BY already, which a window refining it cannot replace (SQL standard); drop"
                + " the ORDER BY here, or move it out of w's definition");
    }

    @Test
    void aNamedWindowWithAFrameCannotBeRefined() {
        fails("SELECT sum(b) OVER (w) FROM t WINDOW w AS (ORDER BY a ROWS 1 PRECEDING)", "SQL error at 1:21: window 'w'"
                + " has a frame (ROWS 1 PRECEDING), so it cannot be refined (SQL standard); write OVER w to use it as it"
                + " is, or move the frame out of w's definition into each OVER (w ...)");
    }

    @Test
    void aRefiningWindowTakesThePartitionByOfTheNamedOne() {
        fails("SELECT sum(b) OVER (w PARTITION BY b) FROM t WINDOW w AS (ORDER BY a)", "SQL error at 1:23: a window that"
                + " refines window 'w' takes its PARTITION BY and cannot have its own (SQL standard); partition in w's"
                + " definition, or write the whole window without w");
    }

    @Test
    void aRefinedWindowThatIsNotDefined() {
        fails("SELECT sum(b) OVER (v ORDER BY b) FROM t WINDOW w AS (PARTITION BY a)", "SQL error at 1:21: window 'v'"
                + " is not defined; did you mean 'w'? (define it in the query's WINDOW clause: WINDOW v AS (PARTITION"
                + " BY ... ORDER BY ...))");
    }

    @Test
    void aWindowDefinitionRefinesOnlyAnEarlierOne() {
        fails("SELECT sum(b) OVER w1 FROM t WINDOW w1 AS (w2 ORDER BY b), w2 AS (PARTITION BY a)", "SQL error at 1:44:"
                + " window 'w1' refines window 'w2', which the WINDOW clause defines after it; define w2 first");
        fails("SELECT sum(b) OVER w FROM t WINDOW w AS (w ORDER BY b)", "SQL error at 1:42: window 'w' refines itself;"
                + " refine a window defined before it in the WINDOW clause");
    }

    @Test
    void positionsAfterARefinedWindowAreTheWrittenOnes() {
        fails("SELECT sum(b) OVER (w ORDER BY b), bb FROM t WINDOW w AS (PARTITION BY a)", "SQL error at 1:36: column"
                + " 'bb' not found; did you mean 'b'? (columns in scope: t.a, t.b, t.s)");
        fails("SELECT sum(b) OVER (w ORDER BY b) = = 1 FROM t WINDOW w AS (PARTITION BY a)", "SQL syntax error at 1:35:"
                + " unexpected '=' in: SELECT sum(b) OVER (w ORDER BY b) = = 1 FROM t WINDOW w AS (PARTITION BY a)");
    }

    @Test
    void anAggregateOrderedByAnotherColumn() {
        fails("SELECT string_agg(s, ',' ORDER BY b) FROM t", "SQL error at 1:8: string_agg(... ORDER BY ...) is not"
                + " supported for this order: Floe orders the values of string_agg only by the aggregated value itself"
                + " (string_agg(x ORDER BY x), also DESC, nulls last)");
    }

    @Test
    void filterOnAnAggregateThatKeepsNulls() {
        fails("SELECT list(b) FILTER (WHERE a > 1) FROM t", "SQL error at 1:8: list(...) FILTER (WHERE ...) is not"
                + " supported: list keeps nulls or depends on the rows' order; filter the rows in a derived table first");
    }

    @Test
    void filterOnAFunctionThatIsNoAggregate() {
        fails("SELECT upper(s) FILTER (WHERE a > 1) FROM t", "SQL error at 1:8: upper(...) FILTER (WHERE ...): FILTER"
                + " applies to aggregate functions only");
        fails("SELECT rank() FILTER (WHERE a > 1) OVER (ORDER BY b) FROM t", "SQL error at 1:8: rank(...) FILTER (WHERE"
                + " ...): FILTER applies to aggregate functions only");
    }

    @Test
    void distinctAggregateOverAWindow() {
        fails("SELECT stddev(DISTINCT b) OVER (PARTITION BY a) FROM t", "SQL error at 1:8: stddev(DISTINCT ...) OVER (...)"
                + " is not supported; aggregate the distinct values in a derived table and join it back, or use count,"
                + " sum, avg, list or string_agg (DISTINCT ...) OVER");
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
