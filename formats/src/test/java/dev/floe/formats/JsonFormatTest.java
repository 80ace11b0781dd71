package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.JsonOptions;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Newline-delimited JSON: inference (nested objects as structs, arrays as lists), hints, nulls, errors naming file and line. */
class JsonFormatTest {
    @TempDir
    Path dir;

    private FileEntry file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return new FileEntry(p.toString(), Files.size(p));
    }

    static Stream<Arguments> inference() {
        return Stream.of(
                Arguments.of("{\"a\":1}\n{\"a\":2}", DataType.int64()),
                Arguments.of("{\"a\":1}\n{\"a\":2.5}", DataType.float64()),
                Arguments.of("{\"a\":1.5}\n{\"a\":2}", DataType.float64()),
                Arguments.of("{\"a\":1}\n{\"a\":\"x\"}", DataType.string()),
                Arguments.of("{\"a\":true}\n{\"a\":false}", DataType.bool()),
                Arguments.of("{\"a\":true}\n{\"a\":1}", DataType.string()),
                Arguments.of("{\"a\":\"2024-01-02\"}\n{\"a\":null}", DataType.date()),
                Arguments.of("{\"a\":\"2024-01-02\"}\n{\"a\":\"2024-01-02T03:04:05.5\"}",
                        DataType.timestamp(TimeUnit.MICROSECOND, null)),
                Arguments.of("{\"a\":\"2024-01-02 03:04:05\"}", DataType.timestamp(TimeUnit.MICROSECOND, null)),
                Arguments.of("{\"a\":\"2024-01-02\"}\n{\"a\":\"soon\"}", DataType.string()),
                Arguments.of("{\"a\":\"2024-01-02T03:04:05Z\"}\n{\"a\":\"2024-01-02T04:04:05+01:00\"}",
                        DataType.timestamp(TimeUnit.MICROSECOND, "UTC")),
                Arguments.of("{\"a\":\"2024-01-02\"}\n{\"a\":\"2024-01-02 03:04:05-0530\"}",
                        DataType.timestamp(TimeUnit.MICROSECOND, "UTC")),
                Arguments.of("{\"a\":\"2024-01-02T03:04:05Z\"}\n{\"a\":\"2024-01-02T03:04:05\"}", DataType.string()),
                Arguments.of("{\"a\":\"2024-01-02T03:04:05+1\"}", DataType.string()),
                Arguments.of("{\"a\":99999999999999999999}", DataType.float64()),
                Arguments.of("{\"a\":{\"b\":1}}", DataType.struct(Field.of("b", DataType.int64()))),
                Arguments.of("{\"a\":[1,2]}", DataType.list(DataType.int64())),
                Arguments.of("{\"a\":[1,2.5]}\n{\"a\":[null]}", DataType.list(DataType.float64())),
                Arguments.of("{\"a\":[]}", DataType.list(DataType.string())),
                Arguments.of("{\"a\":{}}", DataType.string()),
                Arguments.of("{\"a\":{\"b\":1}}\n{\"a\":2}", DataType.string()),
                Arguments.of("{\"a\":[1]}\n{\"a\":{\"b\":1}}", DataType.string()),
                Arguments.of("{\"a\":[{\"x\":1},null,{\"y\":\"2024-01-02\",\"x\":null}]}\n{\"a\":null}",
                        DataType.list(DataType.struct(Field.of("x", DataType.int64()), Field.of("y", DataType.date())))),
                Arguments.of("{\"a\":{\"b\":1}}\n{\"a\":{\"c\":\"x\",\"b\":2.5}}",
                        DataType.struct(Field.of("b", DataType.float64()), Field.of("c", DataType.string()))),
                Arguments.of("{\"a\":{\"b\":1}}\n{\"a\":{\"b\":[1]}}", DataType.struct(Field.of("b", DataType.string()))),
                Arguments.of("{\"a\":{}}\n{\"a\":{\"b\":true}}", DataType.struct(Field.of("b", DataType.bool()))),
                Arguments.of("{\"a\":[[1],[2.5,null],null]}", DataType.list(DataType.list(DataType.float64()))),
                Arguments.of("{\"a\":[1,\"x\"]}", DataType.list(DataType.string())),
                Arguments.of("{\"a\":[null]}", DataType.list(DataType.string())),
                Arguments.of("{\"a\":[]}\n{\"a\":[{\"b\":true}]}", DataType.list(DataType.struct(Field.of("b", DataType.bool())))),
                Arguments.of("{\"a\":{\"b\":null}}", DataType.struct(Field.of("b", DataType.string()))),
                Arguments.of("{\"a\":null}", DataType.string()));
    }

    @Test
    void maximumDepthStopsNestingAndOneReadsNestedValuesAsJsonText() throws Exception {
        FileEntry f = file("d.json", "{\"a\":{\"b\":{\"c\":1}},\"l\":[[1],[]]}\n{\"a\":null,\"l\":[null]}\n");
        Schema one = JsonFormat.inferSchema(f, JsonOptions.builder().maximumDepth(1).build());
        assertThat(one.types()).containsExactly(DataType.string(), DataType.string());
        assertThat(readAll(f.path(), one, one.names(), 10)).containsExactly(
                Arrays.asList("{\"b\":{\"c\":1}}", null), List.of("[[1],[]]", "[null]"));
        Schema two = JsonFormat.inferSchema(f, JsonOptions.builder().maximumDepth(2).build());
        assertThat(two.types()).containsExactly(DataType.struct(Field.of("b", DataType.string())),
                DataType.list(DataType.string()));
        assertThat(readAll(f.path(), two, two.names(), 10)).containsExactly(
                Arrays.asList(Map.of("b", "{\"c\":1}"), null), List.of(List.of("[1]", "[]"), Arrays.asList((Object) null)));
        Schema all = JsonFormat.inferSchema(f, JsonOptions.defaults());
        assertThat(all.types()).containsExactly(
                DataType.struct(Field.of("b", DataType.struct(Field.of("c", DataType.int64())))),
                DataType.list(DataType.list(DataType.int64())));
        assertThatThrownBy(() -> JsonOptions.builder().maximumDepth(0)).hasMessageContaining("maximumDepth");
    }

    @Test
    void aKeyMixingObjectsArraysAndScalarsIsAStringOfJsonTextAndScalarsAsWritten() throws Exception {
        FileEntry f = file("mixed.json", """
                {"a": {"k": [1, "x"]}}
                {"a": 1.50}
                {"a": "s"}
                {"a": [true, null]}
                {"a": null}
                """);
        Schema s = JsonFormat.inferSchema(f, JsonOptions.defaults());
        assertThat(s.field(0).type()).isEqualTo(DataType.string());
        assertThat(readAll(f.path(), s, s.names(), 1000).get(0))
                .containsExactly("{\"k\":[1,\"x\"]}", "1.50", "s", "[true,null]", null);
    }

    @Test
    void aNestedObjectWithMoreThanTwoHundredKeysOverTheSampleIsJsonText() throws Exception {
        StringBuilder wide = new StringBuilder();
        for (int k = 0; k < 201; k++) {
            // keys spread over rows: the union counts, not one object's size
            wide.append("{\"id\":").append(k).append(",\"counts\":{\"user").append(k).append("\":").append(k)
                    .append("},\"p\":{\"f").append(k % 200).append("\":1}}\n");
        }
        FileEntry f = file("wide.json", wide.toString());
        Schema s = JsonFormat.inferSchema(f, JsonOptions.defaults());
        assertThat(s.field(1).type()).isEqualTo(DataType.string());
        assertThat(((DataType.Struct) s.field(2).type()).fields()).hasSize(200);
        assertThat(readAll(f.path(), s, List.of("counts"), 1000).get(0).get(200)).isEqualTo("{\"user200\":200}");
    }

    /** A LinkedHashMap of alternating keys and values (values may be null, unlike Map.of). */
    private static Map<String, Object> struct(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            m.put((String) keysAndValues[k], keysAndValues[k + 1]);
        }
        return m;
    }

    @Test
    void nestedValuesAreReadIntoStructsAndListsWithNullsAtEveryLevel() throws Exception {
        FileEntry f = file("n.json", """
                {"id":1,"p":{"x":1,"tags":["a",null],"q":{"d":"2024-01-02"}},"items":[{"sku":"s1","n":2},null,{"n":3.5}]}
                {"id":2,"p":null,"items":[]}
                {"id":3,"p":{"tags":null,"x":null},"items":null}
                {"id":4}
                {"id":5,"p":{"q":{},"x":7,"x":8,"tags":[],"extra":1},"items":[{"sku":null,"sku":"dup"}]}
                """);
        Schema s = JsonFormat.inferSchema(f, JsonOptions.defaults());
        DataType p = DataType.struct(Field.of("x", DataType.int64()), Field.of("tags", DataType.list(DataType.string())),
                Field.of("q", DataType.struct(Field.of("d", DataType.date()))), Field.of("extra", DataType.int64()));
        DataType item = DataType.struct(Field.of("sku", DataType.string()), Field.of("n", DataType.float64()));
        assertThat(s.fields()).containsExactly(Field.of("id", DataType.int64()), Field.of("p", p),
                Field.of("items", DataType.list(item)));
        for (int batchRows : new int[] {2, 1000}) {
            List<List<Object>> cols = readAll(f.path(), s, List.of("items", "p"), batchRows);
            assertThat(cols.get(0)).containsExactly(
                    Arrays.asList(struct("sku", "s1", "n", 2.0), null, struct("sku", null, "n", 3.5)), List.of(), null,
                    null, List.of(struct("sku", null, "n", null)));
            assertThat(cols.get(1)).containsExactly(
                    struct("x", 1L, "tags", Arrays.asList("a", null), "q", struct("d", LocalDate.of(2024, 1, 2)),
                            "extra", null),
                    null, struct("x", null, "tags", null, "q", null, "extra", null), null,
                    struct("x", 7L, "tags", List.of(), "q", struct("d", null), "extra", 1L));
        }
    }

    @Test
    void aPermissiveLineBrokenInsideAListLeavesNoStaleValuesInTheSlotsTheNextRowReuses() throws Exception {
        FileEntry f = file("broken-list.json", """
                {"l":[{"x":1,"y":"a"},{"x":2,"y":"b"}]}
                {"l":[{"x":4,"y":"d"},{"x":5,"y":
                {"l":[null,{"y":"e"}]}
                """);
        Schema s = Schema.of(Field.of("l", DataType.list(DataType.struct(Field.of("x", DataType.int64()),
                Field.of("y", DataType.string())))));
        List<Object> read = new ArrayList<>();
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("json-broken-list");
                BatchReader r = JsonFormat.read(f.path(), 0, Long.MAX_VALUE, s, s.names(),
                        JsonOptions.builder().mode(dev.floe.api.ParseMode.PERMISSIVE).build(), 1000, a.get(), null)) {
            while (r.hasNext()) {
                try (RecordBatch b = r.next()) {
                    read.addAll(Batches.values(b, 0));
                }
            }
        }
        // row 3's elements reuse the data slots row 2 wrote before its line broke: x must not be 5
        assertThat(read).containsExactly(List.of(struct("x", 1L, "y", "a"), struct("x", 2L, "y", "b")), null,
                Arrays.asList(null, struct("x", null, "y", "e")));
    }

    @Test
    void aNestedValueThatDoesNotFitIsNamedByItsPath() throws Exception {
        FileEntry f = file("bad-nested.json", "{\"a\":{\"b\":[1,2,3]}}\n{\"a\":{\"b\":[4,5,\"six\"]}}\n"
                + "{\"a\":{\"b\":7}}\n{\"a\":[{\"b\":[]}]}\n");
        Schema s = Schema.of(Field.of("a", DataType.struct(Field.of("b", DataType.list(DataType.int64())))));
        assertThatThrownBy(() -> readAll(f.path(), s, s.names(), 1000)).hasMessageStartingWith(f.path() + ":2: ")
                .hasMessageContaining("key 'a.b[2]'").hasMessageContaining("'six'")
                .hasMessageContaining("as int64").hasMessageContaining("schema hint for key 'a'");
        FileEntry g = file("bad-struct.json", "{\"a\":{\"b\":[1]}}\n{\"a\":{\"b\":7}}\n");
        assertThatThrownBy(() -> readAll(g.path(), s, s.names(), 1000)).hasMessageStartingWith(g.path() + ":2: ")
                .hasMessageContaining("key 'a.b'").hasMessageContaining("'7'");
        ScanMetrics metrics = new ScanMetrics();
        List<Object> read = new ArrayList<>();
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("json-nested-permissive");
                BatchReader r = JsonFormat.read(f.path(), 0, Long.MAX_VALUE, s, s.names(),
                        JsonOptions.builder().mode(dev.floe.api.ParseMode.PERMISSIVE).build(), 1000, a.get(), metrics)) {
            while (r.hasNext()) {
                try (RecordBatch b = r.next()) {
                    read.addAll(Batches.values(b, 0));
                }
            }
        }
        assertThat(read).containsExactly(struct("b", List.of(1L, 2L, 3L)), struct("b", Arrays.asList(4L, 5L, null)),
                struct("b", null), null);
        assertThat(metrics.malformedRows).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("inference")
    void infersTheNarrowestTypeThatHoldsEveryValue(String text, DataType expected) throws IOException {
        Schema s = JsonFormat.inferSchema(file("t.json", text), JsonOptions.defaults());
        assertThat(s.field(0).type()).isEqualTo(expected);
    }

    @Test
    void keysBecomeColumnsInOrderOfFirstAppearanceAndMissingKeysAreNull() throws Exception {
        FileEntry f = file("t.json", """
                {"id": 1, "name": "a\\u00e9\\n\\"q\\"", "tags": ["x", {"y": null}]}
                {"id": 2, "score": 1.5, "when": "2024-02-29T10:11:12.123456"}

                {"name": null, "id": 3, "id": 4, "extra": {"deep": [1]}}
                """);
        Schema s = JsonFormat.inferSchema(f, JsonOptions.defaults());
        assertThat(s.names()).containsExactly("id", "name", "tags", "score", "when", "extra");
        List<List<Object>> cols = readAll(f.path(), s, s.names(), 2);
        assertThat(cols.get(0)).containsExactly(1L, 2L, 3L);
        assertThat(cols.get(1)).containsExactly("aé\n\"q\"", null, null);
        assertThat(s.field(2).type()).isEqualTo(DataType.list(DataType.string()));
        assertThat(cols.get(2)).containsExactly(List.of("x", "{\"y\":null}"), null, null);
        assertThat(cols.get(3)).containsExactly(null, 1.5, null);
        assertThat(cols.get(4)).containsExactly(null, LocalDateTime.of(2024, 2, 29, 10, 11, 12, 123_456_000), null);
        assertThat(s.field(5).type()).isEqualTo(DataType.struct(Field.of("deep", DataType.list(DataType.int64()))));
        assertThat(cols.get(5)).containsExactly(null, null, Map.of("deep", List.of(1L)));
    }

    @Test
    void readsOnlyTheRequestedColumnsInTheRequestedOrder() throws Exception {
        FileEntry f = file("t.json", "{\"a\":1,\"b\":\"x\",\"c\":true}\n{\"c\":false,\"a\":2}\n");
        Schema s = JsonFormat.inferSchema(f, JsonOptions.defaults());
        List<List<Object>> cols = readAll(f.path(), s, List.of("c", "a"), 1000);
        assertThat(cols).containsExactly(List.of(true, false), List.of(1L, 2L));
    }

    @Test
    void hintsOverrideInferenceAndAddKeysTheSampleLacks() throws Exception {
        FileEntry f = file("t.json", "{\"price\":\"12.50\",\"n\":7}\n{\"price\":3,\"n\":null}\n");
        JsonOptions o = JsonOptions.builder().schemaHints(Map.of("price", DataType.decimal(10, 2), "n", DataType.int32(),
                "later", DataType.date())).build();
        Schema s = JsonFormat.inferSchema(f, o);
        assertThat(s.fields()).containsExactly(Field.of("price", DataType.decimal(10, 2)), Field.of("n", DataType.int32()),
                Field.of("later", DataType.date()));
        List<List<Object>> cols = readAll(f.path(), s, s.names(), 1000);
        assertThat(cols.get(0)).containsExactly(new BigDecimal("12.50"), new BigDecimal("3.00"));
        assertThat(cols.get(1)).containsExactly(7, null);
        assertThat(cols.get(2)).containsExactly(null, null);
    }

    @Test
    void timestampsWithAZoneOrOffsetAreReadAsUtcInstants() throws Exception {
        FileEntry f = file("z.json", """
                {"t": "2024-01-02T03:04:05Z"}
                {"t": "2024-01-02T04:04:05.5+01:00"}
                {"t": "2024-01-01T22:34:05-0430"}
                {"t": "2024-01-02"}
                {"t": null}
                """);
        Schema s = JsonFormat.inferSchema(f, JsonOptions.defaults());
        assertThat(s.field(0).type()).isEqualTo(DataType.timestamp(TimeUnit.MICROSECOND, "UTC"));
        assertThat(readAll(f.path(), s, s.names(), 1000).get(0)).containsExactly(
                java.time.Instant.parse("2024-01-02T03:04:05Z"), java.time.Instant.parse("2024-01-02T03:04:05.5Z"),
                java.time.Instant.parse("2024-01-02T03:04:05Z"), java.time.Instant.parse("2024-01-02T00:00:00Z"), null);
    }

    @Test
    void aTopLevelArrayOfObjectsIsReadToo() throws Exception {
        FileEntry f = file("t.json", "[{\"a\": 1},\n {\"a\": 2}]");
        Schema s = JsonFormat.inferSchema(f, JsonOptions.defaults());
        assertThat(readAll(f.path(), s, s.names(), 1000).get(0)).containsExactly(1L, 2L);
    }

    @Test
    void anEmptyFileReadsAsNoBatchesButCannotBeInferredFrom() throws Exception {
        FileEntry f = file("empty.json", "");
        assertThatThrownBy(() -> JsonFormat.inferSchema(f, JsonOptions.defaults()))
                .hasMessageContaining("empty.json").hasMessageContaining("schema hints");
        Schema s = JsonFormat.inferSchema(f, JsonOptions.builder().schemaHints(Map.of("a", DataType.int64())).build());
        assertThat(readAll(f.path(), s, s.names(), 10).get(0)).isEmpty();
    }

    @Test
    void errorsNameTheFileTheLineAndTheKey() throws IOException {
        FileEntry f = file("bad.json", "{\"a\":1}\n{\"a\":2}\n{\"a\":\"three\"}\n");
        Schema s = Schema.of(Field.of("a", DataType.int64()));
        assertThatThrownBy(() -> readAll(f.path(), s, s.names(), 1000))
                .hasMessageContaining("bad.json:3").hasMessageContaining("'a'").hasMessageContaining("'three'");
        FileEntry broken = file("broken.json", "{\"a\":1}\n{\"a\":2,\n");
        assertThatThrownBy(() -> readAll(broken.path(), s, s.names(), 1000))
                .hasMessageContaining("broken.json:2: not valid JSON");
        assertThatThrownBy(() -> JsonFormat.inferSchema(broken, JsonOptions.defaults()))
                .hasMessageContaining("broken.json:2: not valid JSON");
        // the parser notices on line 3 (where the next record starts); the broken record is on line 2
        FileEntry brokenMid = file("broken-mid.json", "{\"a\":1}\n{\"a\":2,\n{\"a\":3}\n{\"a\":4}\n");
        assertThatThrownBy(() -> readAll(brokenMid.path(), s, s.names(), 1000))
                .hasMessageContaining("broken-mid.json:2: not valid JSON");
        assertThatThrownBy(() -> JsonFormat.inferSchema(brokenMid, JsonOptions.defaults()))
                .hasMessageContaining("broken-mid.json:2: not valid JSON");
        FileEntry garbage = file("garbage.json", "{\"a\":1}\n{\"a\":2}\nxyz\n");
        assertThatThrownBy(() -> readAll(garbage.path(), s, s.names(), 1000))
                .hasMessageContaining("garbage.json:3: not valid JSON");
        FileEntry notObjects = file("scalars.json", "{\"a\":1}\n42\n");
        assertThatThrownBy(() -> readAll(notObjects.path(), s, s.names(), 1000))
                .hasMessageContaining("scalars.json:2").hasMessageContaining("expected a JSON object");
    }

    @Test
    void writtenFilesReadBackIdentically() throws Exception {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("json-roundtrip");
                RecordBatch batch = Batches.with(a.get())
                        .col("b", DataType.bool(), true, null, false)
                        .col("i", DataType.int64(), Long.MIN_VALUE, null, 42L)
                        .col("f", DataType.float64(), -2.25, null, 1e300)
                        .col("s", DataType.string(), "tab\there \"q\" é 😀", null, "")
                        .col("d", DataType.date(), LocalDate.of(1969, 12, 31), null, LocalDate.of(2024, 2, 29))
                        .col("ts", DataType.timestamp(TimeUnit.MICROSECOND, null),
                                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000), null, LocalDateTime.of(1960, 1, 1, 0, 0))
                        .col("dec", DataType.decimal(12, 3), new BigDecimal("-0.005"), null, new BigDecimal("123456789.5"))
                        .col("tsz", DataType.timestamp(TimeUnit.MILLISECOND, "UTC"),
                                java.time.Instant.parse("2024-01-02T03:04:05.123Z"), null, java.time.Instant.EPOCH)
                        .build()) {
            String path = dir.resolve("out.json").toString();
            try (JsonBatchWriter w = new JsonBatchWriter(path, batch.schema())) {
                w.write(batch);
            }
            Schema inferred = JsonFormat.inferSchema(new FileEntry(path, Files.size(Path.of(path))),
                    JsonOptions.builder().schemaHints(Map.of("dec", DataType.decimal(12, 3),
                            "tsz", DataType.timestamp(TimeUnit.MILLISECOND, "UTC"))).build());
            assertThat(inferred).isEqualTo(batch.schema());
            List<List<Object>> cols = readAll(path, inferred, inferred.names(), 2);
            for (int c = 0; c < batch.numColumns(); c++) {
                assertThat(cols.get(c)).as(batch.schema().field(c).name()).isEqualTo(Batches.values(batch, c));
            }
        }
    }

    @Test
    void nestedValuesAreWrittenAsArraysAndObjectsAndNonFiniteFloatsAsNull() throws Exception {
        DataType struct = DataType.struct(Field.of("x", DataType.int64()), Field.of("y", DataType.string()));
        Map<String, Object> onlyY = new java.util.HashMap<>();
        onlyY.put("x", null);
        onlyY.put("y", "b");
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("json-nested");
                RecordBatch batch = Batches.with(a.get())
                        .col("l", DataType.list(DataType.int64()), Arrays.asList(1L, null, 3L), null, List.of())
                        .col("st", struct, Map.of("x", 1L, "y", "a"), null, onlyY)
                        .col("f", DataType.float64(), Double.NaN, Double.POSITIVE_INFINITY, 0.5)
                        .build()) {
            String path = dir.resolve("nested.json").toString();
            try (JsonBatchWriter w = new JsonBatchWriter(path, batch.schema())) {
                w.write(batch);
            }
            assertThat(Files.readAllLines(Path.of(path))).containsExactly(
                    "{\"l\":[1,null,3],\"st\":{\"x\":1,\"y\":\"a\"},\"f\":null}",
                    "{\"l\":null,\"st\":null,\"f\":null}",
                    "{\"l\":[],\"st\":{\"x\":null,\"y\":\"b\"},\"f\":0.5}");
            Schema inferred = JsonFormat.inferSchema(new FileEntry(path, Files.size(Path.of(path))),
                    JsonOptions.defaults());
            assertThat(inferred).isEqualTo(batch.schema());
            List<List<Object>> cols = readAll(path, inferred, inferred.names(), 2);
            assertThat(cols.get(0)).isEqualTo(Batches.values(batch, 0));
            assertThat(cols.get(1)).isEqualTo(Batches.values(batch, 1));
        }
    }

    private static List<List<Object>> readAll(String path, Schema schema, List<String> columns, int batchRows)
            throws Exception {
        List<List<Object>> cols = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            cols.add(new ArrayList<>());
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("json-read");
                BatchReader r = JsonFormat.read(path, schema, columns, batchRows, a.get())) {
            while (r.hasNext()) {
                try (RecordBatch b = r.next()) {
                    assertThat(b.numRows()).isLessThanOrEqualTo(batchRows);
                    for (int c = 0; c < b.numColumns(); c++) {
                        cols.get(c).addAll(Batches.values(b, c));
                    }
                }
            }
        }
        return cols;
    }
}
