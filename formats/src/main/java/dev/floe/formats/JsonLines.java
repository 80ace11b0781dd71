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
    private final int maxLineBytes;
    /** Bytes of the stream before the current line, and the current line's 1-based number. */
    long lineOffset;
    long lineNumber;
    private long consumed;

    JsonLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads the next line into {@code bytes[0, length)}; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        lineOffset = consumed;
        lineNumber++;
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
                consumed += i + 1 - pos;
                pos = i + 1;
                return true;
            }
            consumed += lim - pos;
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
        if ((long) length + n > maxLineBytes) {
            throw new LineTooLong(lineNumber, lineOffset, maxLineBytes);
        }
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
        System.arraycopy(buf, from, bytes, length, n);
        length += n;
    }

    /** A line longer than the cap; the reader adds the file. */
    static final class LineTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long line;
        final long offset;

        LineTooLong(long line, long offset, int max) {
            super("the line starting at byte " + offset + " is longer than " + max + " bytes (JsonOptions "
                    + "maxLineBytes): the file has no line break there; fix the file, or raise "
                    + "JsonOptions.builder().maxLineBytes(n)");
            this.line = line;
            this.offset = offset;
        }
    }
}
