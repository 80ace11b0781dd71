package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.CsvOptions;
import dev.floe.api.ParseMode;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
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
 * CSV byte ranges: reading a file in ranges cut at every offset gives exactly the rows of reading it
 * whole (header, no trailing line end, CRLF, empty last lines, quoted delimiters); a quoted line
 * break in a file read in ranges fails naming the file; errors in a range that starts mid-file name
 * the byte offset; PERMISSIVE pads, cuts and nulls what FAILFAST rejects.
 */
class CsvFormatSplitTest {
    private static final Schema SCHEMA = new Schema(List.of(new Field("id", DataType.int64()),
            new Field("name", DataType.string()), new Field("x", DataType.float64())));

    @TempDir
    Path dir;

    static Stream<Arguments> files() {
        String rows = "1,a,0.5\n2,\"b,c\",1.5\n\n3,,\n4,\"d \"\"q\"\"\",-2\n5,e,3\n";
        return Stream.of(
                Arguments.of("header, trailing line end", "id,name,x\n" + rows, true),
                Arguments.of("no header", rows, false),
                Arguments.of("no trailing line end", "id,name,x\n" + rows.substring(0, rows.length() - 1), true),
                Arguments.of("CRLF", ("id,name,x\n" + rows).replace("\n", "\r\n"), true),
                Arguments.of("empty last lines", "id,name,x\n" + rows + "\n\n", true),
                Arguments.of("CRLF, no trailing line end", ("id,name,x\n" + rows).replace("\n", "\r\n").strip(), true),
                Arguments.of("one row", "id,name,x\n7,z,1", true),
                Arguments.of("header only", "id,name,x\n", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void rangesAtEveryOffsetReadEachRowOnce(String name, String text, boolean header) throws Exception {
        Path p = write("t.csv", text);
        CsvOptions options = CsvOptions.builder().header(header).build();
        List<List<Object>> whole = read(p, 0, Long.MAX_VALUE, options, null);
        assertThat(whole).hasSize(text.contains("7,z") ? 1 : text.contains("1,a") ? 5 : 0);
        long size = Files.size(p);
        for (long cut = 0; cut <= size; cut++) {
            List<List<Object>> rows = read(p, 0, cut, options, null);
            rows.addAll(read(p, cut, size - cut, options, null));
            assertThat(rows).as("cut at %d", cut).isEqualTo(whole);
        }
        for (long splitSize = 1; splitSize <= size; splitSize++) {
            ScanMetrics metrics = new ScanMetrics();
            List<List<Object>> rows = new ArrayList<>();
            for (long start = 0; start < size; start += splitSize) {
                rows.addAll(read(p, start, Math.min(splitSize, size - start), options, metrics));
            }
            assertThat(rows).as("ranges of %d bytes", splitSize).isEqualTo(whole);
            assertThat(metrics.textSplitsRead).isEqualTo((size + splitSize - 1) / splitSize);
        }
    }

    @Test
    void aQuotedLineBreakFailsOnlyWhenTheFileIsReadInRanges() throws Exception {
        Path p = write("q.csv", "id,name,x\n1,a,1\n2,\"two\nlines\",2\n3,c,3\n");
        long size = Files.size(p);
        CsvOptions options = CsvOptions.defaults();
        List<List<Object>> expected = List.of(List.of(1L, "a", 1.0), List.of(2L, "two\nlines", 2.0),
                List.of(3L, "c", 3.0));
        assertThat(read(p, 0, Long.MAX_VALUE, options, null)).isEqualTo(expected);
        assertThat(read(p, 0, size, options, null)).isEqualTo(expected);
        assertThat(read(p, 0, Long.MAX_VALUE, CsvOptions.builder().multiLine(true).build(), null))
                .isEqualTo(expected);
        assertThatThrownBy(() -> read(p, 0, size / 2, options, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(p + ":3: a quoted field holds a line break")
                .hasMessageContaining("multiLine(true)");
        assertThatThrownBy(() -> read(p, 1, size - 1, options, null))
                .hasMessageStartingWith(p + " at byte 16 (line numbers are unknown in a split that starts mid-file)")
                .hasMessageContaining("multiLine(true)");
        assertThatThrownBy(() -> read(p, 5, 1, CsvOptions.builder().multiLine(true).build(), null))
                .hasMessageContaining("read whole");
    }

    @Test
    void failFastNamesFileLineColumnAndValueAndMidFileRangesTheByteOffset() throws Exception {
        String text = "id,name,x\n1,a,1\n2,b,oops\n";
        Path p = write("bad.csv", text);
        assertThatThrownBy(() -> read(p, 0, Long.MAX_VALUE, CsvOptions.defaults(), null))
                .hasMessageStartingWith(p + ":3: column 'x': cannot parse 'oops' as float64")
                .hasMessageContaining("PERMISSIVE");
        long offset = text.indexOf("2,b");
        assertThatThrownBy(() -> read(p, 12, 100, CsvOptions.defaults(), null))
                .hasMessageStartingWith(p + " at byte " + offset + " (line numbers are unknown")
                .hasMessageContaining("column 'x': cannot parse 'oops'");
        Path fields = write("fields.csv", "id,name,x\n1,a,1\n2,b\n");
        assertThatThrownBy(() -> read(fields, 0, Long.MAX_VALUE, CsvOptions.defaults(), null))
                .hasMessageStartingWith(fields + ":3: expected 3 fields but found 2");
    }

    @Test
    void permissivePadsCutsAndNullsAndCountsTheRows() throws Exception {
        Path p = write("p.csv", "id,name,x\n1,a,1\n2,b\n3,c,3,extra,more\nfour,d,4\n5,e,five\n6,f,6\n");
        CsvOptions options = CsvOptions.builder().mode(ParseMode.PERMISSIVE).build();
        Schema inferred = CsvFormat.inferSchema(new FileEntry(p.toString(), Files.size(p)),
                CsvOptions.builder().mode(ParseMode.PERMISSIVE).schemaHints(
                        java.util.Map.of("id", DataType.int64(), "x", DataType.float64())).build());
        assertThat(inferred).isEqualTo(SCHEMA);
        assertThatThrownBy(() -> CsvFormat.inferSchema(new FileEntry(p.toString(), Files.size(p)),
                CsvOptions.defaults())).hasMessageContaining(p + ":3: expected 3 fields but found 2");
        ScanMetrics metrics = new ScanMetrics();
        List<List<Object>> expected = List.of(List.of(1L, "a", 1.0), Arrays.asList(2L, "b", null),
                List.of(3L, "c", 3.0), Arrays.asList(null, "d", 4.0), Arrays.asList(5L, "e", null),
                List.of(6L, "f", 6.0));
        assertThat(read(p, 0, Long.MAX_VALUE, options, metrics)).isEqualTo(expected);
        assertThat(metrics.malformedRows).isEqualTo(4);
        long size = Files.size(p);
        for (long cut = 0; cut <= size; cut++) {
            List<List<Object>> rows = read(p, 0, cut, options, null);
            rows.addAll(read(p, cut, size - cut, options, null));
            assertThat(rows).as("cut at %d", cut).isEqualTo(expected);
        }
        assertThatThrownBy(() -> read(p, 0, Long.MAX_VALUE, CsvOptions.defaults(), null))
                .hasMessageStartingWith(p + ":3: expected 3 fields but found 2");
    }

    @Test
    void readsOnlyTheColumnsAskedForInRanges() throws Exception {
        Path p = write("cols.csv", "id,name,x\n1,a,1\n2,b,2\n3,c,3\n");
        List<List<Object>> rows = new ArrayList<>();
        for (long start = 0; start < Files.size(p); start += 7) {
            rows.addAll(read(p, start, 7, CsvOptions.defaults(), null, List.of("x", "id")));
        }
        assertThat(rows).containsExactly(List.of(1.0, 1L), List.of(2.0, 2L), List.of(3.0, 3L));
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private static List<List<Object>> read(Path p, long start, long length, CsvOptions options, ScanMetrics metrics)
            throws Exception {
        return read(p, start, length, options, metrics, SCHEMA.names());
    }

    static List<List<Object>> read(Path p, long start, long length, CsvOptions options, ScanMetrics metrics,
            List<String> columns) throws Exception {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("csv-split");
                BatchReader r = CsvFormat.read(p.toString(), start, length, SCHEMA, columns, options, 2, a.get(),
                        metrics)) {
            return rows(r);
        }
    }

    /** Every row of a reader, closing each batch (the JSON test shares it). */
    static List<List<Object>> rows(BatchReader r) {
        List<List<Object>> rows = new ArrayList<>();
        while (r.hasNext()) {
            try (RecordBatch b = r.next()) {
                for (int i = 0; i < b.numRows(); i++) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 0; c < b.numColumns(); c++) {
                        row.add(Batches.values(b, c).get(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
