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

/** show()'s text: names and types as a header, aligned columns, None for null, long values cut. */
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
                "| 22    | None          | " + cut + " | None       |",
                "| None  | -9.99         | None                             | 1970-01-01 |",
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
}
