package dev.floe.api;

import dev.floe.api.types.DataType;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How CSV files are read: header, delimiter, quoting, the null string, type hints, whether quoted
 * fields may hold line breaks in large files ({@link #multiLine()}) and what a malformed row does
 * ({@link #mode()}).
 *
 * <pre>{@code CsvOptions.builder().delimiter('|').header(false).schemaHints(Map.of("d", DataType.date())).build()}</pre>
 */
public final class CsvOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final char delimiter;
    private final boolean header;
    private final char quote;
    private final char escape;
    private final String nullString;
    private final Map<String, DataType> schemaHints;
    private final String dateFormat;
    private final int inferRows;
    private final boolean multiLine;
    private final ParseMode mode;
    private final int maxLineBytes;

    private CsvOptions(Builder b) {
        this.delimiter = b.delimiter;
        this.header = b.header;
        this.quote = b.quote;
        this.escape = b.escape;
        this.nullString = b.nullString;
        this.schemaHints = Map.copyOf(b.schemaHints);
        this.dateFormat = b.dateFormat;
        this.inferRows = b.inferRows;
        this.multiLine = b.multiLine;
        this.mode = b.mode;
        this.maxLineBytes = b.maxLineBytes;
    }

    /** Default {@link #maxLineBytes()}: 64 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 << 20;

    /** Comma-delimited, header row, double quotes, empty field = null, types inferred from 1000 rows. */
    public static CsvOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public char delimiter() { return delimiter; }

    public boolean header() { return header; }

    public char quote() { return quote; }

    /** The escape character inside quoted fields; equal to the quote by default (doubled quotes). */
    public char escape() { return escape; }

    /** The text that means null, in addition to an empty unquoted field. */
    public String nullString() { return nullString; }

    public Map<String, DataType> schemaHints() { return schemaHints; }

    /** A java.time pattern for date columns, or null for ISO dates. */
    public String dateFormat() { return dateFormat; }

    public int inferRows() { return inferRows; }

    /**
     * Whether quoted fields may hold line breaks anywhere. False (default): a file larger than the
     * scan's split size ({@code floe.files.split-size}, 64 MiB) is read by several tasks in byte
     * ranges cut at line ends, so a line break inside a quoted field of such a file fails the read
     * (naming the file and where) instead of giving wrong rows; files up to the split size are read
     * whole and may hold them. True: every file is read whole by one task, line breaks in quotes
     * allowed.
     */
    public boolean multiLine() { return multiLine; }

    /** FAILFAST (default) or PERMISSIVE: what a row with the wrong field count or an unparsable value does. */
    public ParseMode mode() { return mode; }

    /**
     * The longest record a reader accepts, in bytes (default 64 MiB): a longer one fails naming the
     * file and where the record starts, instead of growing a buffer until memory runs out (a file
     * without line breaks, a quote that is never closed).
     */
    public int maxLineBytes() { return maxLineBytes; }

    @Override
    public String toString() {
        return "CsvOptions(delimiter='" + delimiter + "', header=" + header + ", nullString='" + nullString + "'"
                + (multiLine ? ", multiLine=true" : "") + (mode != ParseMode.FAILFAST ? ", mode=" + mode : "") + ")";
    }

    /** Builder for {@link CsvOptions}. */
    public static final class Builder {
        private char delimiter = ',';
        private boolean header = true;
        private char quote = '"';
        private char escape = '"';
        private String nullString = "";
        private Map<String, DataType> schemaHints = new LinkedHashMap<>();
        private String dateFormat;
        private int inferRows = 1000;
        private boolean multiLine;
        private ParseMode mode = ParseMode.FAILFAST;
        private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;

        private Builder() {
        }

        public Builder delimiter(char c) { this.delimiter = c; return this; }

        public Builder header(boolean h) { this.header = h; return this; }

        public Builder quote(char c) { this.quote = c; return this; }

        public Builder escape(char c) { this.escape = c; return this; }

        public Builder nullString(String s) { this.nullString = s; return this; }

        public Builder schemaHints(Map<String, DataType> hints) { this.schemaHints = new LinkedHashMap<>(hints); return this; }

        public Builder dateFormat(String pattern) { this.dateFormat = pattern; return this; }

        public Builder inferRows(int n) { this.inferRows = n; return this; }

        /** See {@link CsvOptions#multiLine()}. */
        public Builder multiLine(boolean m) { this.multiLine = m; return this; }

        /** See {@link ParseMode}. */
        public Builder mode(ParseMode m) { this.mode = java.util.Objects.requireNonNull(m, "mode"); return this; }

        /**
         * Checks the options together: delimiter, quote and escape must tell fields, quotes and
         * escapes apart (escape may equal quote: doubled quotes), none may be a line break, and
         * {@code dateFormat} must be a {@link DateTimeFormatter} pattern that reads back a date.
         *
         * @throws IllegalArgumentException naming the options that clash and what to do
         */
        /** See {@link CsvOptions#maxLineBytes()}. */
        public Builder maxLineBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("CsvOptions maxLineBytes must be >= 1, got " + bytes);
            }
            this.maxLineBytes = bytes;
            return this;
        }

        public CsvOptions build() {
            requireDistinct("delimiter", delimiter, "quote", quote);
            requireDistinct("delimiter", delimiter, "escape", escape);
            requireNotLineBreak("delimiter", delimiter);
            requireNotLineBreak("quote", quote);
            requireNotLineBreak("escape", escape);
            if (inferRows < 1) {
                throw new IllegalArgumentException("CsvOptions inferRows is " + inferRows
                        + "; schema inference needs at least 1 row (default 1000)");
            }
            if (dateFormat != null) {
                checkDateFormat(dateFormat);
            }
            return new CsvOptions(this);
        }

        private static void requireDistinct(String name, char c, String otherName, char other) {
            if (c == other) {
                throw new IllegalArgumentException("CsvOptions " + name + " and " + otherName + " are both "
                        + shown(c) + ", so a field could not tell one from the other; give " + otherName
                        + " another character (for example " + name + "('" + (c == '|' ? ';' : '|') + "') with "
                        + otherName + "('\"'))");
            }
        }

        private static void requireNotLineBreak(String name, char c) {
            if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("CsvOptions " + name + " is " + shown(c)
                        + ", but line breaks end rows; choose another character");
            }
        }

        private static String shown(char c) {
            return switch (c) {
                case '\n' -> "'\\n'";
                case '\r' -> "'\\r'";
                case '\t' -> "'\\t'";
                default -> "'" + c + "'";
            };
        }

        /** Fails at build, naming the option, instead of at the first action that reads a date. */
        private static void checkDateFormat(String pattern) {
            DateTimeFormatter f;
            try {
                f = DateTimeFormatter.ofPattern(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("CsvOptions dateFormat '" + pattern + "' is not a valid "
                        + "java.time pattern (" + e.getMessage() + "); use DateTimeFormatter letters such as "
                        + "dateFormat(\"dd/MM/yyyy\")", e);
            }
            LocalDate sample = LocalDate.of(2024, 12, 31);
            try {
                if (!LocalDate.parse(sample.format(f), f).equals(sample)) {
                    throw new DateTimeException("it reads " + sample + " back as another date");
                }
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("CsvOptions dateFormat '" + pattern + "' cannot read dates: "
                        + e.getMessage() + "; a date pattern needs year, month and day and no time fields, "
                        + "such as dateFormat(\"dd/MM/yyyy\")", e);
            }
        }
    }
}
