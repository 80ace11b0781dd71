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

/** Newline-delimited JSON: inference, hints, nulls, nested values as text, errors naming file and line. */
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
                Arguments.of("{\"a\":{\"b\":1}}", DataType.string()),
                Arguments.of("{\"a\":[1,2]}", DataType.string()),
                Arguments.of("{\"a\":null}", DataType.string()));
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
        assertThat(cols.get(2)).containsExactly("[\"x\",{\"y\":null}]", null, null);
        assertThat(cols.get(3)).containsExactly(null, 1.5, null);
        assertThat(cols.get(4)).containsExactly(null, LocalDateTime.of(2024, 2, 29, 10, 11, 12, 123_456_000), null);
        assertThat(cols.get(5)).containsExactly(null, null, "{\"deep\":[1]}");
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
