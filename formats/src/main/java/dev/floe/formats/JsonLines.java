package dev.floe.formats;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a stream, one at a time, in one reused byte array (without the line end; a CR
 * before the LF is kept, JSON treats it as white space).
 *
 * <pre>{@code JsonLines l = new JsonLines(in); while (l.next()) { parse(l.bytes, 0, l.length); }}</pre>
 */
final class JsonLines {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    byte[] bytes = new byte[1024];
    int length;

    JsonLines(InputStream in) {
        this.in = in;
    }

    /** Reads the next line into {@code bytes[0, length)}; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (pos == lim) {
                if (eof) {
                    return any;
                }
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    eof = true;
                    return any;
                }
            }
            any = true;
            int i = pos;
            while (i < lim && buf[i] != '\n') {
                i++;
            }
            append(pos, i);
            if (i < lim) {
                pos = i + 1;
                return true;
            }
            pos = lim;
        }
    }

    /** Whether the line holds only white space. */
    boolean isBlank() {
        for (int i = 0; i < length; i++) {
            byte c = bytes[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private void append(int from, int to) {
        int n = to - from;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
        System.arraycopy(buf, from, bytes, length, n);
        length += n;
    }
}
