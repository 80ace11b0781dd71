package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.floe.api.CsvOptions;
import dev.floe.api.JsonOptions;
import dev.floe.api.ParseMode;
import dev.floe.api.types.Schema;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's file errors, each naming the file and where, without Flink: a UTF-8 BOM, an
 * unterminated quote past the inference rows, a line longer than maxLineBytes, literal file names
 * with glob characters, and devices or FIFOs that would never end or never open.
 */
@Timeout(60)
class ReadErrorsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private static FileEntry entry(Path p) throws Exception {
        return new FileEntry(p.toString(), Files.size(p));
    }

    private static long countRows(Path p, Schema s, CsvOptions o, long start, long length) throws Exception {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("read-errors");
                BatchReader r = CsvFormat.read(p.toString(), start, length, s, s.names(), o, 1024, a.get(), null)) {
            return CsvFormatSplitTest.rows(r).size();
        }
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName() throws Exception {
        Path p = write("bom.csv", "\uFEFFa,b\n1,x\n2,y\n");
        Schema s = CsvFormat.inferSchema(entry(p), CsvOptions.defaults());
        assertThat(s.names()).containsExactly("a", "b");
        assertThat(countRows(p, s, CsvOptions.defaults(), 0, Long.MAX_VALUE)).isEqualTo(2);
    }

    @Test
    void anUnterminatedQuoteBeyondTheInferenceRowsNamesFileAndLine() throws Exception {
        StringBuilder sb = new StringBuilder("id,s\n");
        for (int i = 1; i <= 1500; i++) {
            sb.append(i).append(",x").append(i).append('\n');
        }
        sb.append("1501,\"never closed\n1502,y\n");
        Path p = write("quote.csv", sb.toString());
        Schema s = CsvFormat.inferSchema(entry(p), CsvOptions.defaults());
        assertThatThrownBy(() -> countRows(p, s, CsvOptions.defaults(), 0, Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(p + ":1502: unterminated quoted field");
        long mid = Files.size(p) / 2;
        assertThatThrownBy(() -> countRows(p, s, CsvOptions.defaults(), mid, Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(p + " at byte ").hasMessageContaining("quoted field");
    }

    @Test
    void aLineLongerThanMaxLineBytesNamesFileAndOffset() throws Exception {
        String header = "a,b\n1,x\n";
        Path p = write("long.csv", header + "2," + "z".repeat(5000) + "\n3,w\n");
        CsvOptions small = CsvOptions.builder().maxLineBytes(1000).build();
        Schema s = CsvFormat.inferSchema(entry(write("short.csv", header)), small);
        assertThatThrownBy(() -> CsvFormat.inferSchema(entry(p), small)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(p + ":3: the record starting at byte " + header.length() + " is longer than 1000 bytes")
                .hasMessageContaining("maxLineBytes");
        assertThatThrownBy(() -> countRows(p, s, small, 0, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(p + ":3: the record starting at byte " + header.length());
        assertThat(countRows(p, s, CsvOptions.defaults(), 0, Long.MAX_VALUE)).isEqualTo(3);
        assertThat(CsvOptions.defaults().maxLineBytes()).isEqualTo(64 << 20);
    }

    @Test
    void aJsonLineLongerThanMaxLineBytesNamesFileLineAndOffset() throws Exception {
        String first = "{\"a\":1}\n";
        Path p = write("long.json", first + "{\"a\":\"" + "z".repeat(5000) + "\"}\n{\"a\":3}\n");
        JsonOptions small = JsonOptions.builder().mode(ParseMode.PERMISSIVE).maxLineBytes(1000).build();
        assertThatThrownBy(() -> JsonFormat.inferSchema(entry(p), small)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(p + ":2: the line starting at byte " + first.length() + " is longer than 1000 bytes");
        Schema s = JsonFormat.inferSchema(entry(p), JsonOptions.builder().mode(ParseMode.PERMISSIVE).build());
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("json-long")) {
            assertThatThrownBy(() -> CsvFormatSplitTest.rows(JsonFormat.read(p.toString(), 0, Long.MAX_VALUE, s,
                    s.names(), small, 1024, a.get(), null))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(p + ":2: the line starting at byte " + first.length());
        }
        assertThat(JsonOptions.defaults().maxLineBytes()).isEqualTo(64 << 20);
    }

    @Test
    void anExistingFileWithGlobCharactersIsReadAsItself() throws Exception {
        Path literal = write("data[1].csv", "a\n1\n");
        write("data1.csv", "a\n2\n");
        List<FileEntry> found = FilePaths.expand(List.of(literal.toString()));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path()).endsWith("data[1].csv");
        assertThat(FilePaths.expand(List.of(dir.resolve("data\\[1\\]*.csv").toString()))).hasSize(1);
        assertThatThrownBy(() -> FilePaths.expand(List.of(dir.resolve("data[2].csv").toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No files found for '" + dir.resolve("data[2].csv") + "'")
                .hasMessageContaining("escape each with a backslash")
                .hasMessageContaining(dir.resolve("data\\[2\\].csv").toString());
        assertThatThrownBy(() -> FilePaths.expand(List.of(dir.resolve("none.csv").toString())))
                .hasMessage("No files found for '" + dir.resolve("none.csv") + "'");
    }

    @Test
    void devicesAndFifosAreRefusedNotReadForever() throws Exception {
        assumeThat(Files.exists(Path.of("/dev/zero"))).isTrue();
        assertThatThrownBy(() -> FilePaths.expand(List.of("/dev/zero"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/dev/zero' is not a regular file");
        Path fifo = dir.resolve("pipe.csv");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0).isTrue();
        assertThatThrownBy(() -> FilePaths.expand(List.of(fifo.toString()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pipe.csv' is not a regular file");
        assertThatThrownBy(() -> FilePaths.expand(List.of(dir.toString()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pipe.csv' is not a regular file");
    }
}
