package dev.floe.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** show()'s text: names and types as a header, aligned columns, null for null, long values cut. */
class TableFormatterTest {

    private static Table table() {
        LinkedHashMap<String, List<?>> cols = new LinkedHashMap<>();
        cols.put("id", Arrays.asList(1L, 22L, null));
        cols.put("price", Arrays.asList(new BigDecimal("1.50"), null, new BigDecimal("-9.99")));
        cols.put("note", Arrays.asList("short", "x".repeat(40), null));
        cols.put("d", Arrays.asList(LocalDate.of(2024, 2, 29), null, LocalDate.of(1970, 1, 1)));
        return Table.fromColumns(cols);
    }

    @Test
    void alignedTableWithNamesTypesAndTruncation() {
        try (Table t = table()) {
            assertThat(t.format(8)).isEqualTo(expected());
        }
    }

    private static String expected() {
        String cut = "x".repeat(31) + "…";
        return String.join("\n",
                "+-------+---------------+----------------------------------+------------+",
                "| id    | price         | note                             | d          |",
                "| int64 | decimal(3, 2) | string                           | date       |",
                "+=======+===============+==================================+============+",
                "| 1     | 1.50          | short                            | 2024-02-29 |",
                "| 22    | null          | " + cut + " | null       |",
                "| null  | -9.99         | null                             | 1970-01-01 |",
                "+-------+---------------+----------------------------------+------------+",
                "(3 rows)", "");
    }

    @Test
    void fewerRowsShownThanTheTableHas() {
        try (Table t = table()) {
            assertThat(t.format(1)).contains("| 1     |").doesNotContain("| 22 ").endsWith("(showing first 1 of 3 rows)\n");
            assertThat(t.format(0)).endsWith("(showing first 0 of 3 rows)\n");
        }
    }

    @Test
    void schemaPrintsNameTypeLines() {
        Schema s = new Schema(List.of(Field.of("a", DataType.int64()), Field.of("tags", DataType.list(DataType.string())),
                Field.of("ts", DataType.timestamp(dev.floe.api.types.TimeUnit.MICROSECOND, "UTC"))));
        assertThat(s.toString()).isEqualTo("a: int64\ntags: list(string)\nts: timestamp(us, UTC)");
    }

    /** Issue 15 item 6: before, doubles printed as 5.073604542E7 and Java 17's 2.0000000000000002E23. */
    @Test
    void floatsPrintInTheFewestDigitsThatReadBackPlainUpToASaneMagnitude() {
        assertThat(TableFormatter.floating(5.073604542E7, false)).isEqualTo("50736045.42");
        assertThat(TableFormatter.floating(0.1 + 0.2, false)).isEqualTo("0.30000000000000004");
        assertThat(TableFormatter.floating(3.0, false)).isEqualTo("3.0");
        assertThat(TableFormatter.floating(-0.0, false)).isEqualTo("-0.0");
        assertThat(TableFormatter.floating(123456789012345.6, false)).isEqualTo("123456789012345.6");
        assertThat(TableFormatter.floating(0.00012, false)).isEqualTo("0.00012");
        assertThat(TableFormatter.floating(2e23, false)).isEqualTo("2.0e+23");
        assertThat(TableFormatter.floating(-1.5e-8, false)).isEqualTo("-1.5e-8");
        assertThat(TableFormatter.floating(Double.NaN, false)).isEqualTo("NaN");
        assertThat(TableFormatter.floating(Double.NEGATIVE_INFINITY, false)).isEqualTo("-Infinity");
        assertThat(TableFormatter.floating(0.1f, true)).isEqualTo("0.1");
        assertThat(TableFormatter.floating(16777216f, true)).isEqualTo("16777216.0");
    }

    @Test
    void cellsAreWholeWithoutTruncationOrCutToAWidth() {
        try (Table t = table()) {
            assertThat(t.format(8, 0)).contains("| " + "x".repeat(40) + " |");
            assertThat(t.format(8, 10)).contains("| " + "x".repeat(9) + "… |").contains("| decimal(3… |");
        }
    }

    @Test
    void nestedValuesUseTheSameRules() {
        java.util.Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("x", 5.073604542E7);
        struct.put("y", null);
        assertThat(TableFormatter.render(Arrays.asList(1.5, null, 2e23))).isEqualTo("[1.5, null, 2.0e+23]");
        assertThat(TableFormatter.render(struct)).isEqualTo("{x: 50736045.42, y: null}");
    }

    @Test
    void schemaTreeAsSparksPrintSchema() {
        Schema s = new Schema(List.of(Field.of("a", DataType.int64()), Field.of("tags", DataType.list(DataType.string())),
                Field.of("p", DataType.struct(Field.of("x", DataType.float64()),
                        Field.of("ys", DataType.list(DataType.list(DataType.int32())))))));
        assertThat(s.treeString()).isEqualTo(String.join("\n",
                "root",
                " |-- a: int64 (nullable = true)",
                " |-- tags: list (nullable = true)",
                " |    |-- element: string (containsNull = true)",
                " |-- p: struct (nullable = true)",
                " |    |-- x: float64 (nullable = true)",
                " |    |-- ys: list (nullable = true)",
                " |    |    |-- element: list (containsNull = true)",
                " |    |    |    |-- element: int32 (containsNull = true)",
                ""));
    }
}
