package dev.floe.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 8: API.md's Java value mapping holds both ways. The rows of a table with every type
 * ({@link AllTypes}), given back to {@code fromColumns} column by column, read back as equal values;
 * lists, maps (structs) and nested values are inferred, merging nulls, decimals and time units.
 */
class FromColumnsRoundTripTest {

    @Test
    void everyTypeSurvivesToRowsThenFromColumns() {
        RecordBatch batch = AllTypes.batch(Allocators.root());
        try (Table original = Table.of(batch.schema(), List.of(batch))) {
            List<List<Object>> rows = original.toRows();
            LinkedHashMap<String, List<?>> columns = new LinkedHashMap<>();
            for (int c = 0; c < original.schema().size(); c++) {
                List<Object> values = new ArrayList<>();
                for (List<Object> row : rows) {
                    values.add(row.get(c));
                }
                columns.put(original.schema().field(c).name(), values);
            }
            try (Table again = Table.fromColumns(columns)) {
                assertThat(comparable(again.toRows())).isEqualTo(comparable(rows));
                assertThat(again.schema().find("list").orElseThrow().type()).isEqualTo(DataType.list(DataType.int64()));
                assertThat(again.schema().find("u64").orElseThrow().type()).isEqualTo(DataType.uint64());
            }
        }
    }

    @Test
    void nestedListsAndMapsAreInferredAcrossRows() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", 1L);
        first.put("tags", List.of("a"));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("id", null);
        second.put("score", new java.math.BigDecimal("1.50"));
        LinkedHashMap<String, List<?>> columns = new LinkedHashMap<>();
        columns.put("lists", Arrays.asList(List.of(List.of(1, 2), List.of()), null, List.of(Arrays.asList(3, null))));
        columns.put("structs", Arrays.asList(first, null, second));
        columns.put("empty", Arrays.asList(List.of(), null, List.of()));
        try (Table t = Table.fromColumns(columns)) {
            assertThat(t.schema().find("lists").orElseThrow().type())
                    .isEqualTo(DataType.list(DataType.list(DataType.int32())));
            assertThat(t.schema().find("structs").orElseThrow().type()).isEqualTo(DataType.struct(
                    Field.of("id", DataType.int64()), Field.of("tags", DataType.list(DataType.string())),
                    Field.of("score", DataType.decimal(3, 2))));
            assertThat(t.schema().find("empty").orElseThrow().type()).isEqualTo(DataType.list(DataType.nullType()));
            List<List<Object>> rows = t.toRows();
            assertThat(rows.get(0).get(0)).isEqualTo(List.of(List.of(1, 2), List.of()));
            assertThat(rows.get(2).get(0)).isEqualTo(List.of(Arrays.asList(3, null)));
            Map<String, Object> back = new LinkedHashMap<>();
            back.put("id", null);
            back.put("tags", null);
            back.put("score", new java.math.BigDecimal("1.50"));
            assertThat(rows.get(2).get(1)).isEqualTo(back);
            assertThat(rows.get(1).get(1)).isNull();
        }
        LinkedHashMap<String, List<?>> mixed = new LinkedHashMap<>();
        mixed.put("m", List.of(List.of(1), List.of("x")));
        assertThatThrownBy(() -> Table.fromColumns(mixed)).hasMessageContaining("column 'm' (list elements) mixes int32 and"
                + " string");
    }

    /** byte[] compared by content. */
    private static List<List<Object>> comparable(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>();
            for (Object v : row) {
                r.add(v instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b) : v);
            }
            out.add(r);
        }
        return out;
    }
}
