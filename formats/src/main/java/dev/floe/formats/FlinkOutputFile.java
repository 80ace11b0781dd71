package dev.floe.formats;

import java.io.IOException;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** A parquet-java {@link OutputFile} over Flink's FileSystem, so any path Flink can write works. */
final class FlinkOutputFile implements OutputFile {
    private final Path path;

    FlinkOutputFile(String path) {
        this.path = new Path(path);
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return open(FileSystem.WriteMode.NO_OVERWRITE);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return open(FileSystem.WriteMode.OVERWRITE);
    }

    private PositionOutputStream open(FileSystem.WriteMode mode) throws IOException {
        FSDataOutputStream out = path.getFileSystem().create(path, mode);
        return new PositionOutputStream() {
            @Override
            public long getPos() throws IOException {
                return out.getPos();
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }
}
