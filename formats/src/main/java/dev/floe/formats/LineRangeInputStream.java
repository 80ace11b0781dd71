package dev.floe.formats;

import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * The bytes of the lines that a byte range {@code [start, end)} of a text file owns, so that several
 * tasks can read one large CSV or JSON-lines file without reading a line twice or missing one.
 *
 * <p>The rule: a range owns every line that <em>starts</em> inside it. A line starts at offset 0 or
 * right after a {@code '\n'}. So a range with {@code start > 0} skips to just after the first
 * {@code '\n'} at or after offset {@code start - 1} (when the byte before {@code start} is a line
 * end, the line at {@code start} is its own), and every range reads past {@code end} to the
 * {@code '\n'} that ends the last line it owns (the first {@code '\n'} at or after {@code end - 1}),
 * or to the end of the file. CRLF line ends need nothing special ({@code '\r'} stays with its line)
 * and a last line without a line end belongs to whichever range it starts in.
 *
 * <pre>{@code try (InputStream in = LineRangeInputStream.open("big.csv", 64 << 20, 128 << 20)) { ... }}</pre>
 */
final class LineRangeInputStream extends InputStream {
    private final InputStream in;
    private final long end;
    private final byte[] buf = new byte[1 << 16];
    /** Offset in the file of {@code buf[0]}. */
    private long bufStart;
    private int pos;
    private int lim;
    /** No bytes beyond {@code lim}: the owned part or the file has ended. */
    private boolean ended;
    private final long firstLine;
    private long bytesFromStorage;

    private LineRangeInputStream(InputStream in, long start, long end) throws IOException {
        this.in = in;
        this.end = end;
        if (start > 0) {
            bufStart = start - 1;
            skipPastLineEnd();
        }
        firstLine = bufStart + pos;
        if (firstLine >= end) {
            lim = pos;
            ended = true;
        } else {
            clip();
        }
    }

    /** Opens {@code path} positioned at the first line that starts inside {@code [start, end)}. */
    static LineRangeInputStream open(String path, long start, long end) throws IOException {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("Bad byte range [" + start + ", " + end + ") of " + path);
        }
        Path p = new Path(path);
        FSDataInputStream raw = p.getFileSystem().open(p);
        try {
            if (start > 0) {
                raw.seek(start - 1);
            }
            return new LineRangeInputStream(raw, start, end);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Over any stream whose first byte is at file offset {@code start - 1} (or 0 when start is 0); for tests. */
    static LineRangeInputStream over(InputStream positioned, long start, long end) throws IOException {
        return new LineRangeInputStream(positioned, start, end);
    }

    /** File offset of the first byte this stream returns (the first owned line's start). */
    long firstLineOffset() {
        return firstLine;
    }

    /** Bytes read from the underlying file so far (including the skipped part and read-ahead). */
    long bytesFromStorage() {
        return bytesFromStorage;
    }

    private void skipPastLineEnd() throws IOException {
        while (true) {
            if (pos == lim && !fill()) {
                return;
            }
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    pos = i + 1;
                    return;
                }
            }
            pos = lim;
        }
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        bufStart += lim;
        pos = 0;
        lim = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            ended = true;
            return false;
        }
        lim = n;
        bytesFromStorage += n;
        return true;
    }

    /** Cuts the buffer after the line end that finishes the last owned line, if it is in the buffer. */
    private void clip() {
        long from = Math.max(bufStart + pos, end - 1);
        if (from >= bufStart + lim) {
            return;
        }
        for (int i = (int) (from - bufStart); i < lim; i++) {
            if (buf[i] == '\n') {
                lim = i + 1;
                ended = true;
                return;
            }
        }
    }

    @Override
    public int read() throws IOException {
        if (pos == lim) {
            if (!fill()) {
                return -1;
            }
            clip();
        }
        return buf[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == lim) {
            if (!fill()) {
                return -1;
            }
            clip();
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
