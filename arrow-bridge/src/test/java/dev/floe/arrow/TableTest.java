package dev.floe.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A closed table says so instead of failing with an index error; fromColumns names bad columns. */
class TableTest {

    private static Table table() {
        LinkedHashMap<String, List<?>> columns = new LinkedHashMap<>();
        columns.put("a", List.of(1L, 2L));
        columns.put("s", Arrays.asList("x", null));
        return Table.fromColumns(columns);
    }

    static Stream<Arguments> reads() {
        return Stream.of(
                Arguments.of("get", (Consumer<Table>) t -> t.get(0, "a")),
                Arguments.of("numRows", (Consumer<Table>) Table::numRows),
                Arguments.of("column", (Consumer<Table>) t -> t.column("s")),
                Arguments.of("toRows", (Consumer<Table>) Table::toRows),
                Arguments.of("toMaps", (Consumer<Table>) Table::toMaps),
                Arguments.of("toArrow", (Consumer<Table>) t -> t.toArrow().close()),
                Arguments.of("format", (Consumer<Table>) t -> t.format(8)),
                Arguments.of("batches", (Consumer<Table>) Table::batches));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void readsAfterCloseSayTheTableIsClosed(String what, Consumer<Table> read) {
        Table t = table();
        read.accept(t); // works while open
        t.close();
        t.close(); // idempotent
        ThrowingCallable afterClose = () -> read.accept(t);
        assertThatThrownBy(afterClose).as(what).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table is closed").hasMessageContaining("[a, s]");
        assertThat(t.isClosed()).isTrue();
        assertThat(t.schema().names()).containsExactly("a", "s");
        assertThat(t.toString()).isEqualTo("Table(closed, [a, s])");
    }

    @Test
    void fromColumnsNamesANullNameOrANullList() {
        LinkedHashMap<String, List<?>> nullName = new LinkedHashMap<>();
        nullName.put("a", List.of(1L));
        nullName.put(null, List.of(2L));
        assertThatThrownBy(() -> Table.fromColumns(nullName)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 2 of 2 has a null name");
        LinkedHashMap<String, List<?>> nullList = new LinkedHashMap<>();
        nullList.put("a", null);
        assertThatThrownBy(() -> Table.fromColumns(nullList)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'a' has a null list of values");
    }

    /** Issue 15 item 2: toArrow failed with UnsupportedOperationException on a null-typed column. */
    @Test
    void toArrowConcatenatesBatchesOfEveryType() {
        try (dev.floe.arrow.testing.LeakCheckingAllocator a = new dev.floe.arrow.testing.LeakCheckingAllocator("toArrow")) {
            RecordBatch first = AllTypes.batch(a.get());
            RecordBatch second = AllTypes.batch(a.get());
            try (Table t = Table.of(first.schema(), List.of(first, second));
                    org.apache.arrow.vector.VectorSchemaRoot root = t.toArrow()) {
                assertThat(root.getRowCount()).isEqualTo(6);
                for (int c = 0; c < first.numColumns(); c++) {
                    for (int i = 0; i < 6; i++) {
                        Object got = ArrowImportTest.comparable(
                                Values.get(root.getVector(c), first.schema().field(c).type(), i));
                        Object want = ArrowImportTest.comparable(first.column(c).get(i % 3));
                        assertThat(got).as(first.schema().field(c).name() + " row " + i).isEqualTo(want);
                    }
                }
            }
        }
    }
}
