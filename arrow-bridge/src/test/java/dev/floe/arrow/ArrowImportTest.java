package dev.floe.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import dev.floe.arrow.testing.WideArrow;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;

/** Issue 15 item 2: a caller's Arrow batch, from any allocator and of any widened type, copied without loss. */
class ArrowImportTest {

    /** byte[] as hex, recursively, so that values compare by content. */
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

    private static List<Object> values(Series s) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            out.add(comparable(s.get(i)));
        }
        return out;
    }

    @Test
    void everyWidenedTypeFromAForeignRootAllocatorKeepsItsValues() {
        try (RootAllocator theirs = new RootAllocator();
                LeakCheckingAllocator ours = new LeakCheckingAllocator("wide")) {
            try (VectorSchemaRoot root = WideArrow.root(theirs);
                    RecordBatch copy = ArrowImport.copy(root, null, ours.get())) {
                for (Map.Entry<String, List<Object>> e : WideArrow.expected().entrySet()) {
                    assertThat(values(copy.column(e.getKey()))).as(e.getKey()).isEqualTo(comparable(e.getValue()));
                }
                assertThat(copy.schema().field(copy.schema().indexOf("large_utf8")).type()).isEqualTo(DataType.string());
                assertThat(copy.schema().field(copy.schema().indexOf("date64")).type()).isEqualTo(DataType.date());
                assertThat(copy.schema().field(copy.schema().indexOf("decimal256")).type()).isEqualTo(DataType.decimal(20, 2));
                assertThat(copy.schema().field(copy.schema().indexOf("fixed_list")).type()).isEqualTo(DataType.list(DataType.int32()));
                assertThat(copy.schema().field(copy.schema().indexOf("struct_of_wide")).type()).isEqualTo(DataType.struct(
                        Field.of("s", DataType.string()), Field.of("d", DataType.date())));
                // each copied vector is Floe's one Arrow type for its Floe type
                for (int i = 0; i < copy.numColumns(); i++) {
                    assertThat(copy.vector(i).getField().getType()).as(copy.schema().field(i).name())
                            .isEqualTo(copy.schema().field(i).type().toArrowType());
                }
            }
            assertThat(theirs.getAllocatedMemory()).isZero();
        }
    }

    @Test
    void dayTimeIntervalMillisBecomeNanos() {
        try (RootAllocator theirs = new RootAllocator();
                LeakCheckingAllocator ours = new LeakCheckingAllocator("interval");
                VectorSchemaRoot root = WideArrow.root(theirs)) {
            ((org.apache.arrow.vector.IntervalDayVector) root.getVector("interval_dt")).setSafe(0, 3, 1500);
            try (RecordBatch copy = ArrowImport.copy(root, null, ours.get())) {
                IntervalMonthDayNanoVector v = (IntervalMonthDayNanoVector) copy.vector("interval_dt");
                assertThat(v.getObject(0).getPeriod().getDays()).isEqualTo(3);
                assertThat(v.getObject(0).getDuration()).isEqualTo(java.time.Duration.ofMillis(1500));
            }
        }
    }

    @Test
    void canonicalTypesFromAForeignRootAllocatorAreCopiedNotTransferred() {
        try (RootAllocator theirs = new RootAllocator();
                LeakCheckingAllocator ours = new LeakCheckingAllocator("canonical");
                RecordBatch original = AllTypes.batch(theirs);
                VectorSchemaRoot root = original.asRoot();
                RecordBatch copy = ArrowImport.copy(root, null, ours.get())) {
            assertThat(copy.schema()).isEqualTo(original.schema());
            for (int i = 0; i < original.numColumns(); i++) {
                assertThat(values(copy.column(i))).as(original.schema().field(i).name())
                        .isEqualTo(values(original.column(i)));
            }
            // the source is untouched and still the caller's
            assertThat(original.vector(0).getValueCount()).isEqualTo(3);
            assertThat(copy.vector(0).getAllocator()).isSameAs(ours.get());
        }
    }

    @Test
    void dictionaryEncodedColumnsAreDecodedWithTheReadersDictionaries() throws Exception {
        List<Object> colors = new ArrayList<>();
        List<Object> ns = new ArrayList<>();
        try (RootAllocator theirs = new RootAllocator();
                LeakCheckingAllocator ours = new LeakCheckingAllocator("dictionary")) {
            byte[] stream = WideArrow.dictionaryStream(theirs);
            try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream), theirs)) {
                while (reader.loadNextBatch()) {
                    try (RecordBatch copy = ArrowImport.copy(reader.getVectorSchemaRoot(), reader, ours.get())) {
                        assertThat(copy.schema().field(copy.schema().indexOf("color")).type()).isEqualTo(DataType.string());
                        colors.addAll(values(copy.column("color")));
                        ns.addAll(values(copy.column("n")));
                    }
                }
            }
        }
        assertThat(colors).isEqualTo(WideArrow.DICTIONARY_VALUES);
        assertThat(ns).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aDictionaryWithoutItsProviderIsAnErrorNamingTheColumn() throws Exception {
        try (RootAllocator theirs = new RootAllocator();
                LeakCheckingAllocator ours = new LeakCheckingAllocator("no-dictionary")) {
            byte[] stream = WideArrow.dictionaryStream(theirs);
            try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream), theirs)) {
                reader.loadNextBatch();
                assertThatThrownBy(() -> ArrowImport.copy(reader.getVectorSchemaRoot(), null, ours.get()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("column 'color' is dictionary-encoded")
                        .hasMessageContaining("ArrowReader");
            }
        }
    }
}
