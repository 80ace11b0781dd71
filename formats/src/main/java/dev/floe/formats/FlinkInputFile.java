package dev.floe.formats;

import java.io.IOException;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A parquet-java {@link InputFile} over Flink's FileSystem, so any path Flink can read works. */
final class FlinkInputFile implements InputFile {
    private final Path path;
    private final long length;
    private final ScanMetrics metrics;

    FlinkInputFile(String path, long length, ScanMetrics metrics) {
        this.path = new Path(path);
        this.length = length;
        this.metrics = metrics;
    }

    static FlinkInputFile of(String path) throws IOException {
        return of(path, null);
    }

    /** @param metrics counts the bytes read, or null */
    static FlinkInputFile of(String path, ScanMetrics metrics) throws IOException {
        Path p = new Path(path);
        return new FlinkInputFile(path, p.getFileSystem().getFileStatus(p).getLen(), metrics);
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        FileSystem fs = path.getFileSystem();
        FSDataInputStream in = fs.open(path);
        java.io.InputStream counted = metrics == null ? in : new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    metrics.bytesRead++;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    metrics.bytesRead += n;
                }
                return n;
            }
        };
        return new DelegatingSeekableInputStream(counted) {
            @Override
            public long getPos() throws IOException {
                return in.getPos();
            }

            @Override
            public void seek(long newPos) throws IOException {
                in.seek(newPos);
            }
        };
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
