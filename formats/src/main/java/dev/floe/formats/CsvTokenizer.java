package dev.floe.formats;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Splits CSV bytes into records and fields without creating a String per value: the fields of
 * the current record are unescaped into one byte array with start/end offsets. Handles quoted
 * fields with delimiters, doubled quotes (or an escape character) and newlines inside quotes
 * (unless the reader forbids them: a byte range of a file cut at line ends cannot hold them),
 * and LF or CRLF line ends. Tracks the file offset where each record starts, for errors in
 * ranges that start mid-file (where line numbers are unknown).
 */
final class CsvTokenizer {
    private final InputStream in;
    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    /** File offset of {@code buf[0]}. */
    private long bufStart;
    private final BooleanSupplier quotedLineBreaksAllowed;
    private boolean quotedLineBreakChecked;
    private int maxRecordBytes = Integer.MAX_VALUE - 8;

    byte[] record = new byte[1024];
    int[] starts = new int[16];
    int[] ends = new int[16];
    boolean[] quoted = new boolean[16];
    int fieldCount;
    /** 1-based physical line where the current record starts (counted from the stream's start). */
    long lineNumber;
    /** File offset of the current record's first byte. */
    long recordOffset;
    private long nextLine = 1;

    /** A whole file: quoted fields may hold line breaks. */
    CsvTokenizer(InputStream in, char delimiter, char quote, char escape) {
        this(in, delimiter, quote, escape, 0, () -> true);
    }

    /**
     * @param firstOffset             file offset of the stream's first byte
     * @param quotedLineBreaksAllowed asked at the first line break inside quotes; false makes it an error
     */
    CsvTokenizer(InputStream in, char delimiter, char quote, char escape, long firstOffset,
            BooleanSupplier quotedLineBreaksAllowed) {
        this.in = in;
        this.delimiter = (byte) delimiter;
        this.quote = (byte) quote;
        this.escape = (byte) escape;
        this.bufStart = firstOffset;
        this.quotedLineBreaksAllowed = quotedLineBreaksAllowed;
    }

    /** Records longer than {@code bytes} (unescaped field bytes) fail instead of growing without end. */
    CsvTokenizer maxRecordBytes(int bytes) {
        this.maxRecordBytes = bytes;
        if (record.length > bytes) {
            record = new byte[bytes];
        }
        return this;
    }

    private int read() throws IOException {
        if (pos == limit) {
            if (eof) {
                return -1;
            }
            bufStart += limit;
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
                eof = true;
                limit = 0;
                return -1;
            }
            if (bufStart == 0 && limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                pos = 3; // a UTF-8 byte order mark is not part of the first column's name
            }
        }
        return buf[pos++] & 0xFF;
    }

    private int peek() throws IOException {
        int c = read();
        if (c >= 0) {
            pos--;
        }
        return c;
    }

    /** Reads the next record; false at the end of input. Empty lines are skipped. */
    boolean next() throws IOException {
        while (true) {
            fieldCount = 0;
            lineNumber = nextLine;
            recordOffset = bufStart + pos;
            int len = 0;
            int c = read();
            if (c < 0) {
                return false;
            }
            if (c == '\n') {
                nextLine++;
                continue;
            }
            if (c == '\r' && peek() == '\n') {
                read();
                nextLine++;
                continue;
            }
            boolean inQuotes = false;
            boolean fieldQuoted = false;
            int fieldStart = 0;
            while (true) {
                if (c < 0) {
                    if (inQuotes) {
                        throw new CsvParseException("unterminated quoted field", lineNumber);
                    }
                    endField(fieldStart, len, fieldQuoted);
                    return true;
                }
                if (inQuotes) {
                    if (c == escape && escape != quote) {
                        int n = read();
                        if (n < 0) {
                            throw new CsvParseException("unterminated quoted field", lineNumber);
                        }
                        if (n == '\n') {
                            quotedLineBreak();
                            nextLine++;
                        }
                        len = put(len, n);
                    } else if (c == quote) {
                        if (peek() == quote) {
                            read();
                            len = put(len, quote);
                        } else {
                            inQuotes = false;
                        }
                    } else {
                        if (c == '\n') {
                            quotedLineBreak();
                            nextLine++;
                        }
                        len = put(len, c);
                    }
                } else if (c == delimiter) {
                    endField(fieldStart, len, fieldQuoted);
                    fieldStart = len;
                    fieldQuoted = false;
                } else if (c == '\n' || (c == '\r' && peek() == '\n')) {
                    if (c == '\r') {
                        read();
                    }
                    nextLine++;
                    endField(fieldStart, len, fieldQuoted);
                    return true;
                } else if (c == quote && len == fieldStart) {
                    inQuotes = true;
                    fieldQuoted = true;
                } else {
                    len = put(len, c);
                }
                c = read();
            }
        }
    }

    private void quotedLineBreak() {
        if (!quotedLineBreakChecked) {
            if (!quotedLineBreaksAllowed.getAsBoolean()) {
                throw new CsvParseException("a quoted field holds a line break, which a CSV file read in byte ranges"
                        + " (larger than the split size) cannot have; read it whole with"
                        + " CsvOptions.builder().multiLine(true)", lineNumber);
            }
            quotedLineBreakChecked = true;
        }
    }

    private int put(int len, int c) {
        if (len == record.length) {
            grow(len);
        }
        record[len] = (byte) c;
        return len + 1;
    }

    private void grow(int len) {
        if (len >= maxRecordBytes) {
            throw new CsvParseException("the record starting at byte " + recordOffset + " is longer than "
                    + maxRecordBytes + " bytes (CsvOptions maxLineBytes): the file has no line break there, or a "
                    + "quote that is never closed; fix the file, or raise CsvOptions.builder().maxLineBytes(n)",
                    lineNumber);
        }
        record = Arrays.copyOf(record, (int) Math.min((long) maxRecordBytes, record.length * 2L));
    }

    private void endField(int start, int end, boolean wasQuoted) {
        if (fieldCount == starts.length) {
            starts = Arrays.copyOf(starts, fieldCount * 2);
            ends = Arrays.copyOf(ends, fieldCount * 2);
            quoted = Arrays.copyOf(quoted, fieldCount * 2);
        }
        starts[fieldCount] = start;
        ends[fieldCount] = end;
        quoted[fieldCount] = wasQuoted;
        fieldCount++;
    }

    String field(int i) {
        return new String(record, starts[i], ends[i] - starts[i], java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A parse problem at a line; the reader adds the file. */
    static final class CsvParseException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long line;

        CsvParseException(String message, long line) {
            super(message);
            this.line = line;
        }
    }
}
