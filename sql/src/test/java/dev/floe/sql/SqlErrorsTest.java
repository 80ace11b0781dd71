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
}
