package dev.floe.e2e;

import static dev.floe.api.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.PlanException;
import dev.floe.arrow.Allocators;
import dev.floe.arrow.AllTypes;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Table;
import dev.floe.arrow.testing.WideArrow;
import dev.floe.testing.SharedCluster;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 2: {@code fromArrow} takes a caller's batch from any allocator and of every type
 * Floe widens, and the values come back unchanged. Before the fix a batch from the caller's own
 * {@code RootAllocator} failed ("share the same root") and leaked, and a LargeUtf8 value from
 * Floe's own allocator came back as an empty string.
 */
class FromArrowIT {
    private static Floe floe;

    @BeforeAll
    static void start() {
        floe = SharedCluster.floe(2);
    }

    @AfterAll
    static void stop() {
        floe.close();
    }

    static Object comparable(Object v) {
        if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(comparable(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, comparable(x)));
            return out;
        }
        return v;
    }

    /** The rows of a frame, values made comparable (row order is not defined). */
    private static List<Object> rows(DataFrame df) {
        try (Table t = df.toTable()) {
            return new ArrayList<>(t.toRows().stream().map(FromArrowIT::comparable).toList());
        }
    }

    /** Rows from columns given as name to values in row order. */
    private static List<Object> rows(Map<String, List<Object>> columns) {
        List<Object> out = new ArrayList<>();
        int n = columns.values().iterator().next().size();
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (List<Object> values : columns.values()) {
                row.add(comparable(values.get(i)));
            }
            out.add(row);
        }
        return out;
    }

    private void checkWide(BufferAllocator allocator) {
        DataFrame df;
        try (VectorSchemaRoot root = WideArrow.root(allocator)) {
            df = floe.fromArrow(root);
        }
        // the caller's batch is closed: the frame holds its own copy
        assertThat(df.columnNames()).containsExactlyElementsOf(WideArrow.expected().keySet());
        assertThat(rows(df)).containsExactlyInAnyOrderElementsOf(rows(WideArrow.expected()));
        // kernels read the converted vectors: character counts of the former LargeUtf8 column
        try (Table t = df.select(col("large_utf8").str().length(), col("date64").dt().year().alias("y")).toTable()) {
            assertThat(t.toRows()).containsExactlyInAnyOrder(List.of(5L, 1998), Arrays.asList(null, null), List.of(0L, 1969));
        }
    }

    @Test
    void widenedTypesFromTheCallersOwnRootAllocator() {
        try (RootAllocator mine = new RootAllocator()) {
            checkWide(mine);
            assertThat(mine.getAllocatedMemory()).isZero();
        }
    }

    @Test
    void widenedTypesFromAnAllocatorUnderFloesRoot() {
        try (BufferAllocator child = Allocators.child("caller", Long.MAX_VALUE)) {
            checkWide(child);
            assertThat(child.getAllocatedMemory()).isZero();
        }
    }

    @Test
    void everyCanonicalTypeRoundTripsFromAForeignAllocator() {
        try (RootAllocator mine = new RootAllocator()) {
            Map<String, List<Object>> expected = new LinkedHashMap<>();
            DataFrame df;
            try (RecordBatch batch = AllTypes.batch(mine); VectorSchemaRoot root = batch.asRoot()) {
                for (int c = 0; c < batch.numColumns(); c++) {
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < batch.numRows(); i++) {
                        values.add(comparable(batch.column(c).get(i)));
                    }
                    expected.put(batch.schema().field(c).name(), values);
                }
                df = floe.fromArrow(root);
                assertThat(df.schema()).isEqualTo(batch.schema());
            }
            assertThat(rows(df)).containsExactlyInAnyOrderElementsOf(rows(expected));
            // and out again: toArrow gives the same values in a root the caller owns
            try (Table t = df.toTable(); VectorSchemaRoot out = t.toArrow()) {
                assertThat(out.getRowCount()).isEqualTo(3);
                assertThat(rows(floe.fromArrow(out))).containsExactlyInAnyOrderElementsOf(rows(expected));
            }
        }
    }

    @Test
    void anArrowStreamWithDictionariesIsReadWhole() throws Exception {
        try (RootAllocator mine = new RootAllocator()) {
            byte[] stream = WideArrow.dictionaryStream(mine);
            DataFrame df;
            try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream), mine)) {
                df = floe.fromArrow(reader);
            }
            Map<String, List<Object>> expected = new LinkedHashMap<>();
            expected.put("color", new ArrayList<>(WideArrow.DICTIONARY_VALUES));
            expected.put("n", List.of(1L, 2L, 3L, 4L, 5L));
            assertThat(rows(df)).containsExactlyInAnyOrderElementsOf(rows(expected));
        }
    }

    @Test
    void aDictionaryColumnWithoutItsReaderIsAPlanExceptionNamingIt() throws Exception {
        try (RootAllocator mine = new RootAllocator()) {
            byte[] stream = WideArrow.dictionaryStream(mine);
            try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream), mine)) {
                reader.loadNextBatch();
                assertThatThrownBy(() -> floe.fromArrow(reader.getVectorSchemaRoot()))
                        .isInstanceOf(PlanException.class)
                        .hasMessageContaining("'color' is dictionary-encoded")
                        .hasMessageContaining("pass the ArrowReader it came from");
            }
        }
    }
}
