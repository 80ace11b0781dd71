package dev.floe.arrow.io;

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

    FlinkInputFile(String path, long length) {
        this.path = new Path(path);
        this.length = length;
    }

    static FlinkInputFile of(String path) throws IOException {
        Path p = new Path(path);
        return new FlinkInputFile(path, p.getFileSystem().getFileStatus(p).getLen());
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        FileSystem fs = path.getFileSystem();
        FSDataInputStream in = fs.open(path);
        return new DelegatingSeekableInputStream(in) {
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
