package dev.floe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RowsTest {
    @RegisterExtension
    static final DuckOracle DUCK = new DuckOracle();

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void theOracleRunsWithOneThreadAndOneGigabyte() {
        List<List<Object>> settings = DUCK.query("SELECT current_setting('threads'), current_setting('memory_limit')");
        assertThat(settings.get(0).get(0)).isEqualTo(1L);
        assertThat((String) settings.get(0).get(1)).matches("(?i)(1\\.0 GiB|1\\.0 GB|953\\.6 MiB|1000\\.0 MB)");
    }

    @Test
    void insertedValuesComeBackTypedAndNormalized() {
        DUCK.execute("CREATE TABLE t(i INTEGER, d DOUBLE, m DECIMAL(15,2), s VARCHAR, day DATE, b BOOLEAN)");
        DUCK.insert("t", 6, List.of(row(7, 0.1, new BigDecimal("1.50"), "x'y", LocalDate.of(2024, 2, 29), true),
                row(null, null, null, null, null, null)));
        Rows.assertSameRows(DUCK.query("SELECT * FROM t"), List.of(
                row(null, null, null, null, null, null),
                row(7L, 0.1, new BigDecimal("1.5"), "x'y", LocalDate.of(2024, 2, 29), true)));
        assertThat(DUCK.query("SELECT [1, NULL, 3]").get(0).get(0)).isEqualTo(Arrays.asList(1L, null, 3L));
    }

    @Test
    void multisetsCountDuplicates() {
        assertThat(Rows.difference(List.of(row(1L), row(1L), row(2L)), List.of(row(1L), row(2L), row(2L)), 0))
                .contains("differs");
        assertThat(Rows.difference(List.of(row(2L), row(1L), row(1L)), List.of(row(1L), row(2L), row(1L)), 0)).isNull();
        assertThat(Rows.difference(List.of(row(1L)), List.of(row(1L), row(1L)), 0)).startsWith("row count");
    }

    @Test
    void floatsWithinARelativeBillionthAreEqual() {
        assertThat(Rows.difference(List.of(row(1.0 + 1e-12, "a")), List.of(row(1.0, "a")), 0)).isNull();
        assertThat(Rows.difference(List.of(row(1.0 + 1e-6, "a")), List.of(row(1.0, "a")), 0)).contains("differs");
        assertThat(Rows.difference(List.of(row(Double.NaN), row(-0.0)), List.of(row(0.0), row(Double.NaN)), 0)).isNull();
        // near-equal floats that sort the other way round still match their partner row
        assertThat(Rows.difference(List.of(row(1.0, "b"), row(1.0 + 1e-12, "a")),
                List.of(row(1.0 + 1e-12, "b"), row(1.0, "a")), 0)).isNull();
    }

    @Test
    void nullsEqualOnlyNulls() {
        assertThat(Rows.difference(List.of(row((Object) null)), List.of(row(0L)), 0)).contains("differs");
        assertThat(Rows.difference(List.of(row(null, 1L)), List.of(row(null, 1L)), 0)).isNull();
    }

    @Test
    void orderedResultsCompareTheirKeysInSequence() {
        List<List<Object>> expected = List.of(row(1L, "x"), row(1L, "y"), row(2L, "z"));
        assertThat(Rows.difference(List.of(row(1L, "y"), row(1L, "x"), row(2L, "z")), expected, 1)).isNull();
        assertThat(Rows.difference(List.of(row(2L, "z"), row(1L, "x"), row(1L, "y")), expected, 1)).contains("out of order");
        assertThatThrownBy(() -> Rows.assertSameOrderedRows(List.of(row(2L, "z"), row(1L, "x"), row(1L, "y")), expected, 1))
                .isInstanceOf(AssertionError.class);
    }
}
