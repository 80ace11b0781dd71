package dev.floe.formats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The committed file set of a directory Floe writes: {@code _floe_manifest} holds a header line,
 * then one path per line relative to the directory (hive partition folders included). A write
 * publishes its files first and then replaces the manifest in one step, so a reader of the
 * directory sees either the old set or the new one, never a mix or nothing. Directories without
 * a manifest (written by other tools) are read by listing every visible file.
 *
 * <pre>{@code
 * List<String> committed = DirectoryManifest.read(fs, new Path("out/orders")); // null: no manifest
 * }</pre>
 */
public final class DirectoryManifest {
    /** Starts with an underscore, so listing readers (Floe, Spark, DuckDB globs of *.parquet) skip it. */
    public static final String NAME = "_floe_manifest";
    private static final String HEADER = "floe-manifest 1";

    private DirectoryManifest() {
    }

    /** The relative paths of the committed files, or null when the directory has no manifest. */
    public static List<String> read(FileSystem fs, Path dir) throws IOException {
        Path file = new Path(dir, NAME);
        FSDataInputStream in;
        try {
            if (!fs.exists(file)) {
                return null;
            }
            in = fs.open(file);
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (!HEADER.equals(header)) {
                throw new IOException(file + " is not a Floe manifest (first line '" + header + "', expected '"
                        + HEADER + "'); delete it to read every file of the directory");
            }
            List<String> out = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            return out;
        }
    }

    /** The manifest's bytes for these relative paths. */
    public static byte[] encode(List<String> relativePaths) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (String p : relativePaths) {
            if (p.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("A file name holds a line break: " + p);
            }
            sb.append(p).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
