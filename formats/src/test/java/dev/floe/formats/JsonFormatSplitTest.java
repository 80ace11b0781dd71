package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.JsonOptions;
import dev.floe.api.ParseMode;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JSON-lines byte ranges: ranges cut at every offset give exactly the rows of the whole file (no
 * trailing line end, CRLF, blank lines); a top-level array file is read by the range at 0 only;
 * errors in ranges that start mid-file name the byte offset; PERMISSIVE reads a broken line as
 * nulls and a value of the wrong type as null.
 */
class JsonFormatSplitTest {
    private static final Schema SCHEMA = new Schema(List.of(new Field("id", DataType.int64()),
            new Field("name", DataType.string()), new Field("x", DataType.float64())));

    @TempDir
    Path dir;

    static Stream<Arguments> files() {
        String lines = "{\"id\":1,\"name\":\"a\\nb\",\"x\":0.5}\n{\"id\":2,\"name\":null}\n\n"
                + "{\"x\":3,\"id\":3,\"name\":\"{\\\"k\\\": [1]}\"}\n{\"id\":4,\"name\":{\"n\":[1,2]},\"x\":-1}\n";
        return Stream.of(
                Arguments.of("trailing line end", lines),
                Arguments.of("no trailing line end", lines.strip()),
                Arguments.of("CRLF", lines.replace("\n", "\r\n")),
                Arguments.of("blank last lines", lines + "\n  \n"),
                Arguments.of("one line", "{\"id\":9}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void rangesAtEveryOffsetReadEachRecordOnce(String name, String text) throws Exception {
        for (JsonOptions options : List.of(JsonOptions.defaults(),
                JsonOptions.builder().mode(ParseMode.PERMISSIVE).build())) {
            Path p = write("t.json", text);
            List<List<Object>> whole = read(p, 0, Long.MAX_VALUE, options, null);
            assertThat(whole).hasSize(text.contains("\"id\":9") ? 1 : 4);
            long size = Files.size(p);
            for (long cut = 0; cut <= size; cut++) {
                List<List<Object>> rows = read(p, 0, cut, options, null);
                rows.addAll(read(p, cut, size - cut, options, null));
                assertThat(rows).as("%s cut at %d", options, cut).isEqualTo(whole);
            }
            for (long splitSize = 1; splitSize <= size; splitSize++) {
                ScanMetrics metrics = new ScanMetrics();
                List<List<Object>> rows = new ArrayList<>();
                for (long start = 0; start < size; start += splitSize) {
                    rows.addAll(read(p, start, Math.min(splitSize, size - start), options, metrics));
                }
                assertThat(rows).as("%s ranges of %d bytes", options, splitSize).isEqualTo(whole);
                assertThat(metrics.malformedRows).isZero();
            }
        }
    }

    @Test
    void anArrayFileIsReadWholeByTheRangeAtZero() throws Exception {
        Path p = write("array.json", " [\n{\"id\":1},\n{\"id\":2,\"x\":2}\n]\n");
        List<List<Object>> expected = List.of(Arrays.asList(1L, null, null), Arrays.asList(2L, null, 2.0));
        assertThat(read(p, 0, Long.MAX_VALUE, JsonOptions.defaults(), null)).isEqualTo(expected);
        long size = Files.size(p);
        for (long cut = 1; cut < size; cut++) {
            List<List<Object>> rows = read(p, 0, cut, JsonOptions.defaults(), null);
            rows.addAll(read(p, cut, size - cut, JsonOptions.defaults(), null));
            assertThat(rows).as("cut at %d", cut).isEqualTo(expected);
        }
    }

    @Test
    void errorsNameTheLineOrInAMidFileRangeTheByteOffset() throws Exception {
        String text = "{\"id\":1}\n{\"id\":\"two\"}\n";
        Path p = write("bad.json", text);
        assertThatThrownBy(() -> read(p, 0, Long.MAX_VALUE, JsonOptions.defaults(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(p + ":2: key 'id': cannot read 'two' as int64")
                .hasMessageContaining("PERMISSIVE");
        assertThatThrownBy(() -> read(p, 3, 100, JsonOptions.defaults(), null))
                .hasMessageStartingWith(p + " at byte ")
                .hasMessageContaining("line numbers are unknown")
                .hasMessageContaining("key 'id': cannot read 'two' as int64");
        Path broken = write("broken.json", "{\"id\":1}\n{\"id\":2,\n{\"id\":3}\n");
        assertThatThrownBy(() -> read(broken, 0, Long.MAX_VALUE, JsonOptions.defaults(), null))
                .hasMessageStartingWith(broken + ":2: not valid JSON"); // the record that is broken, not the next one
        Path array = write("lines.json", "{\"id\":1}\n[1]\n");
        assertThatThrownBy(() -> read(array, 2, 100, JsonOptions.defaults(), null))
                .hasMessageStartingWith(array + " at byte 9")
                .hasMessageContaining("expected a JSON object per line but found an array");
    }

    @Test
    void permissiveReadsBrokenLinesAsNullsAndWrongTypesAsNull() throws Exception {
        String text = "{\"id\":1,\"name\":\"a\",\"x\":1}\n{\"id\":2,\"name\":\"b\",\n{\"id\":\"three\",\"name\":\"c\",\"x\":3}\n"
                + "not json\n[1,2]\n{\"id\":6} {\"id\":7}\n{\"id\":8,\"name\":\"h\",\"x\":{\"no\":1}}\n{\"id\":9}\n";
        Path p = write("p.json", text);
        JsonOptions permissive = JsonOptions.builder().mode(ParseMode.PERMISSIVE).build();
        Schema inferred = JsonFormat.inferSchema(new FileEntry(p.toString(), Files.size(p)), JsonOptions.builder()
                .mode(ParseMode.PERMISSIVE).schemaHints(java.util.Map.of("id", DataType.int64(),
                        "x", DataType.float64())).build());
        assertThat(inferred).isEqualTo(SCHEMA);
        assertThatThrownBy(() -> JsonFormat.inferSchema(new FileEntry(p.toString(), Files.size(p)),
                JsonOptions.defaults())).hasMessageContaining(p + ":2: not valid JSON");
        List<Object> nulls = Arrays.asList(null, null, null);
        List<List<Object>> expected = List.of(List.of(1L, "a", 1.0), nulls, Arrays.asList(null, "c", 3.0), nulls,
                nulls, nulls, Arrays.asList(8L, "h", null), Arrays.asList(9L, null, null));
        ScanMetrics metrics = new ScanMetrics();
        assertThat(read(p, 0, Long.MAX_VALUE, permissive, metrics)).isEqualTo(expected);
        assertThat(metrics.malformedRows).isEqualTo(6);
        long size = Files.size(p);
        for (long cut = 0; cut <= size; cut++) {
            List<List<Object>> rows = read(p, 0, cut, permissive, null);
            rows.addAll(read(p, cut, size - cut, permissive, null));
            assertThat(rows).as("cut at %d", cut).isEqualTo(expected);
        }
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private static List<List<Object>> read(Path p, long start, long length, JsonOptions options, ScanMetrics metrics)
            throws Exception {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("json-split");
                BatchReader r = JsonFormat.read(p.toString(), start, length, SCHEMA, SCHEMA.names(), options, 2,
                        a.get(), metrics)) {
            return CsvFormatSplitTest.rows(r);
        }
    }
}
