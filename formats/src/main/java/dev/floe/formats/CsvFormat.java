package dev.floe.formats;

import dev.floe.api.CsvOptions;
import dev.floe.api.ParseMode;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.Values;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.flink.core.fs.Path;

/**
 * CSV files: schema inference from the first rows (bool → int64 → float64 → string, ISO dates and
 * timestamps), schema hints, and reading straight into Arrow vectors, a whole file or a byte range.
 *
 * <p>Byte ranges: a range owns every record that starts inside it (see {@link LineRangeInputStream}:
 * a range after the first skips to the first line start, and each reads past its end to finish its
 * last line). Records are lines, which holds unless a quoted field holds a line break; finding
 * record starts under that possibility would need a scan from the file's start, so (as Spark's
 * {@code multiLine=false}) a range of a file cut in several fails when it meets a line break inside
 * quotes and tells the user to set {@link CsvOptions#multiLine()}, which reads files whole. A range
 * that is the whole file accepts them. The header row is skipped by the range at offset 0 only.
 * Errors name the file and the line; in a range that starts mid-file line numbers are unknown, so
 * they name the record's byte offset instead and say so. In {@link ParseMode#PERMISSIVE} unparsable
 * values become null and rows with too few or too many fields are padded with nulls or cut.
 *
 * <pre>{@code BatchReader r = CsvFormat.read("big.csv", 0, 64 << 20, schema, schema.names(), CsvOptions.defaults(), 65_536, allocator, metrics);}</pre>
 */
public final class CsvFormat {
    private CsvFormat() {
    }

    /** Infers the schema from the first file (header names, or column_0.. without a header). */
    public static Schema inferSchema(FileEntry file, CsvOptions options) {
        try (InputStream in = open(file.path())) {
            CsvTokenizer t = tokenizer(in, options);
            List<String> names = new ArrayList<>();
            if (!t.next()) {
                throw new IllegalArgumentException("CSV file " + file.path() + " is empty");
            }
            int columns = t.fieldCount;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < columns; i++) {
                String name = options.header() ? t.field(i).strip() : "column_" + i;
                if (name.isEmpty()) {
                    name = "column_" + i;
                }
                String unique = name;
                for (int k = 1; !seen.add(unique); k++) {
                    unique = name + "_" + k;
                }
                names.add(unique);
            }
            Kind[] kinds = new Kind[columns];
            int rows = 0;
            TextValues tv = new TextValues();
            boolean pending = !options.header();
            while (rows < options.inferRows() && (pending || t.next())) {
                pending = false;
                if (t.fieldCount != columns && options.mode() == ParseMode.FAILFAST) {
                    throw new IllegalArgumentException(file.path() + ":" + t.lineNumber + ": expected " + columns
                            + " fields but found " + t.fieldCount + "; CsvOptions mode(PERMISSIVE) pads or cuts such rows");
                }
                for (int c = 0; c < Math.min(columns, t.fieldCount); c++) {
                    if (!isNull(t, c, options)) {
                        kinds[c] = widen(kinds[c], t, c, tv, options);
                    }
                }
                rows++;
            }
            for (String hinted : options.schemaHints().keySet()) {
                if (!names.contains(hinted)) {
                    throw new IllegalArgumentException("Schema hint for column '" + hinted + "' but " + file.path()
                            + " has columns " + names);
                }
            }
            List<Field> fields = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                DataType hint = options.schemaHints().get(names.get(c));
                fields.add(new Field(names.get(c), hint != null ? hint : toType(kinds[c])));
            }
            return new Schema(fields);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.path() + ": " + e.getMessage(), e);
        } catch (CsvTokenizer.CsvParseException e) {
            throw new IllegalArgumentException(file.path() + ":" + e.line + ": " + e.getMessage(), e);
        }
    }

    /** The narrowest kind that holds every value seen so far and this one. */
    private static Kind widen(Kind current, CsvTokenizer t, int c, TextValues tv, CsvOptions options) {
        if (current == Kind.STRING) {
            return Kind.STRING;
        }
        byte[] b = t.record;
        int s = t.starts[c];
        int e = t.ends[c];
        Kind[] order = current == null
                ? new Kind[] {Kind.BOOL, Kind.INT64, Kind.FLOAT64, Kind.DATE, Kind.TIMESTAMP}
                : switch (current) {
                    case BOOL -> new Kind[] {Kind.BOOL};
                    case INT64 -> new Kind[] {Kind.INT64, Kind.FLOAT64};
                    case FLOAT64 -> new Kind[] {Kind.FLOAT64};
                    case DATE -> new Kind[] {Kind.DATE, Kind.TIMESTAMP};
                    default -> new Kind[] {Kind.TIMESTAMP};
                };
        for (Kind k : order) {
            boolean ok = switch (k) {
                case BOOL -> TextValues.isTrue(b, s, e) || TextValues.isFalse(b, s, e);
                case INT64 -> tv.parseLong(b, s, e);
                case FLOAT64 -> tv.parseDouble(b, s, e) && !isSpecialWord(b, s, e);
                case DATE -> options.dateFormat() == null ? tv.parseDate(b, s, e) : parsesWithFormat(t.field(c), options);
                default -> tv.parseTimestamp(b, s, e) || tv.parseDate(b, s, e);
            };
            if (ok) {
                return k;
            }
        }
        return Kind.STRING;
    }

    /** Words Double.parseDouble accepts that a CSV column of numbers should not be inferred from. */
    private static boolean isSpecialWord(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            byte ch = b[i];
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
                return ch != 'e' && ch != 'E';
            }
        }
        return false;
    }

    private static boolean parsesWithFormat(String s, CsvOptions options) {
        try {
            LocalDate.parse(s, DateTimeFormatter.ofPattern(options.dateFormat()));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static DataType toType(Kind k) {
        if (k == null) {
            return DataType.string();
        }
        return switch (k) {
            case BOOL -> DataType.bool();
            case INT64 -> DataType.int64();
            case FLOAT64 -> DataType.float64();
            case DATE -> DataType.date();
            case TIMESTAMP -> DataType.timestamp(TimeUnit.MICROSECOND, null);
            default -> DataType.string();
        };
    }

    static boolean isNull(CsvTokenizer t, int c, CsvOptions options) {
        int len = t.ends[c] - t.starts[c];
        if (len == 0) {
            return !t.quoted[c];
        }
        String ns = options.nullString();
        if (ns.isEmpty() || t.quoted[c] || len != ns.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (t.record[t.starts[c] + i] != (byte) ns.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static InputStream open(String path) throws IOException {
        Path p = new Path(path);
        return p.getFileSystem().open(p);
    }

    private static CsvTokenizer tokenizer(InputStream in, CsvOptions o) {
        return new CsvTokenizer(in, o.delimiter(), o.quote(), o.escape()).maxRecordBytes(o.maxLineBytes());
    }

    /** Reads a whole file as batches of the read columns (in that order). */
    public static BatchReader read(String path, Schema schema, List<String> readColumns, CsvOptions options,
            int batchRows, BufferAllocator allocator) {
        return read(path, 0, Long.MAX_VALUE, schema, readColumns, options, batchRows, allocator, null);
    }

    /**
     * Reads the records that start in {@code [start, start + length)} of a file (see the class
     * comment) as batches of the read columns. {@code length} may be {@code Long.MAX_VALUE} (to the
     * end). With {@link CsvOptions#multiLine()} only whole files can be read.
     *
     * @param metrics counts splits, bytes and malformed rows (null = not counted)
     */
    public static BatchReader read(String path, long start, long length, Schema schema, List<String> readColumns,
            CsvOptions options, int batchRows, BufferAllocator allocator, ScanMetrics metrics) {
        long end = length > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + length;
        if (options.multiLine() && start > 0) {
            throw new IllegalArgumentException("CSV file " + path + " is multiLine and is read whole, not from byte "
                    + start);
        }
        InputStream in;
        try {
            in = options.multiLine() ? open(path) : LineRangeInputStream.open(path, start, end);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + path + ": " + e.getMessage(), e);
        }
        long first = in instanceof LineRangeInputStream range ? range.firstLineOffset() : 0;
        // a quoted line break is fine when no other range reads this file: asked only when one is met
        BooleanSupplier wholeFile = () -> options.multiLine() || start == 0 && (end == Long.MAX_VALUE
                || end >= fileLength(path));
        CsvTokenizer tokenizer = new CsvTokenizer(in, options.delimiter(), options.quote(), options.escape(), first,
                wholeFile).maxRecordBytes(options.maxLineBytes());
        return new Reader(path, start, in, tokenizer, schema, readColumns, options, batchRows, allocator,
                metrics == null ? new ScanMetrics() : metrics);
    }

    private static long fileLength(String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem().getFileStatus(p).getLen();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the length of " + path + ": " + e.getMessage(), e);
        }
    }

    private static final class Reader extends TextBatchReader {
        private final InputStream in;
        private final CsvTokenizer tokenizer;
        private final Schema schema;
        private final int[] sourceIndex;
        private final CsvOptions options;
        private final TextValues tv = new TextValues();
        private final DateTimeFormatter dateFormat;
        private final boolean permissive;
        private final ScanMetrics metrics;
        private boolean rowMalformed;
        private boolean headerSkipped;
        private boolean closed;

        Reader(String path, long start, InputStream in, CsvTokenizer tokenizer, Schema schema, List<String> readColumns,
                CsvOptions options, int batchRows, BufferAllocator allocator, ScanMetrics metrics) {
            super(path, start, schema.select(readColumns), batchRows, allocator);
            this.in = in;
            this.tokenizer = tokenizer;
            this.schema = schema;
            this.sourceIndex = readColumns.stream().mapToInt(schema::indexOf).toArray();
            this.options = options;
            this.dateFormat = options.dateFormat() == null ? null : DateTimeFormatter.ofPattern(options.dateFormat());
            this.permissive = options.mode() == ParseMode.PERMISSIVE;
            this.metrics = metrics;
            metrics.textSplitsRead++;
        }

        /** Where the current record is: file and line, or the byte offset in a range that starts mid-file. */
        private String where(long line) {
            return where(line, tokenizer.recordOffset);
        }

        @Override
        protected int fill(List<FieldVector> vectors) throws IOException {
            int rows = 0;
            try {
                if (!headerSkipped) {
                    headerSkipped = true;
                    if (options.header() && start == 0 && !tokenizer.next()) {
                        done = true;
                    }
                }
                while (!done && rows < batchRows) {
                    if (!tokenizer.next()) {
                        done = true;
                        break;
                    }
                    int fields = tokenizer.fieldCount;
                    rowMalformed = fields != schema.size();
                    if (rowMalformed && !permissive) {
                        throw new IllegalArgumentException(where(tokenizer.lineNumber) + ": expected "
                                + schema.size() + " fields but found " + fields
                                + "; CsvOptions mode(PERMISSIVE) pads or cuts such rows");
                    }
                    for (int c = 0; c < sourceIndex.length; c++) {
                        if (sourceIndex[c] < fields) {
                            set(vectors.get(c), readSchema.field(c), rows, sourceIndex[c]);
                        }
                    }
                    if (rowMalformed) {
                        metrics.malformedRows++;
                    }
                    rows++;
                }
                return rows;
            } catch (CsvTokenizer.CsvParseException e) {
                throw new IllegalArgumentException(where(e.line) + ": " + e.getMessage(), e);
            }
        }

        private void set(FieldVector v, Field field, int row, int column) {
            CsvTokenizer t = tokenizer;
            if (isNull(t, column, options)) {
                return;
            }
            byte[] b = t.record;
            int s = t.starts[column];
            int e = t.ends[column];
            DataType type = field.type();
            boolean ok;
            switch (type.kind()) {
                case INT64 -> {
                    ok = tv.parseLong(b, trimStart(b, s, e), trimEnd(b, s, e));
                    if (ok) {
                        ((BigIntVector) v).set(row, tv.longValue);
                    }
                }
                case FLOAT64 -> {
                    ok = tv.parseDouble(b, trimStart(b, s, e), trimEnd(b, s, e));
                    if (ok) {
                        ((Float8Vector) v).set(row, tv.doubleValue);
                    }
                }
                case STRING -> {
                    ((VarCharVector) v).setSafe(row, b, s, e - s);
                    ok = true;
                }
                case DATE -> {
                    if (dateFormat == null) {
                        ok = tv.parseDate(b, s, e);
                        if (ok) {
                            ((DateDayVector) v).set(row, (int) tv.longValue);
                        }
                    } else {
                        try {
                            ((DateDayVector) v).set(row, (int) LocalDate.parse(t.field(column), dateFormat).toEpochDay());
                            ok = true;
                        } catch (RuntimeException ex) {
                            ok = false;
                        }
                    }
                }
                case TIMESTAMP -> {
                    ok = tv.parseTimestamp(b, s, e);
                    if (!ok && tv.parseDate(b, s, e)) {
                        tv.longValue *= 86_400_000_000L;
                        ok = true;
                    }
                    if (ok) {
                        long micros = tv.longValue;
                        TimeUnit unit = ((DataType.Timestamp) type).unit();
                        long value = switch (unit) {
                            case SECOND -> Math.floorDiv(micros, 1_000_000L);
                            case MILLISECOND -> Math.floorDiv(micros, 1_000L);
                            case MICROSECOND -> micros;
                            case NANOSECOND -> micros * 1_000L;
                        };
                        ((TimeStampVector) v).set(row, value);
                    }
                }
                case BOOL -> {
                    boolean tr = TextValues.isTrue(b, s, e);
                    ok = tr || TextValues.isFalse(b, s, e);
                    if (ok) {
                        ((BitVector) v).set(row, tr ? 1 : 0);
                    }
                }
                default -> {
                    String text = t.field(column);
                    try {
                        Values.set(v, type, row, dev.floe.arrow.kernels.Casts.convert(text, DataType.string(), type));
                        ok = true;
                    } catch (RuntimeException ex) {
                        ok = false;
                    }
                }
            }
            if (!ok) {
                if (permissive) {
                    rowMalformed = true;
                    return;
                }
                String text = new String(b, s, e - s, StandardCharsets.UTF_8);
                throw new IllegalArgumentException(where(t.lineNumber) + ": column '" + field.name()
                        + "': cannot parse '" + text + "' as " + type
                        + "; give a schema hint, or CsvOptions mode(PERMISSIVE) to read it as null");
            }
        }

        private static int trimStart(byte[] b, int s, int e) {
            while (s < e && b[s] == ' ') {
                s++;
            }
            return s;
        }

        private static int trimEnd(byte[] b, int s, int e) {
            while (e > s && b[e - 1] == ' ') {
                e--;
            }
            return e;
        }

        @Override
        public void close() throws IOException {
            releasePending();
            if (closed) {
                return;
            }
            closed = true;
            try {
                in.close();
            } finally {
                if (in instanceof LineRangeInputStream range) {
                    metrics.bytesRead += range.bytesFromStorage();
                }
            }
        }
    }

    /**
     * The CSV {@link FileFormatHandler}: the schema inferred from the first file, byte-range splits
     * (whole files with {@link CsvOptions#multiLine()}).
     */
    record Handler(CsvOptions options) implements FileFormatHandler {
        @Override
        public Schema inferSchema(List<FileEntry> files) {
            return CsvFormat.inferSchema(files.get(0), options);
        }

        @Override
        public ParquetFormat.RowGroupSelection selectRowGroups(String path, Schema schema, StatsPredicate predicate,
                java.util.Map<String, Object> constants) {
            return null;
        }

        @Override
        public List<FileRange> planSplits(String path, long size, int[] rowGroups, long splitSize) {
            return options.multiLine() ? List.of(new FileRange(path, 0, size, null))
                    : FileFormatHandler.byteRanges(path, size, splitSize);
        }

        @Override
        public BatchReader open(FileRange range, Schema fileSchema, List<String> readColumns, int batchRows,
                BufferAllocator allocator, ScanMetrics metrics) {
            return read(range.path(), range.start(), range.length(), fileSchema, readColumns, options, batchRows,
                    allocator, metrics);
        }

        @Override
        public BatchWriter createWriter(String path, Schema schema) {
            return new CsvBatchWriter(path, schema, options);
        }
    }
}
