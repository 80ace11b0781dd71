package dev.floe.api;

/**
 * What a CSV or JSON reader does with a record it cannot read as the schema says.
 *
 * <pre>{@code CsvOptions.builder().mode(ParseMode.PERMISSIVE).build()}</pre>
 */
public enum ParseMode {
    /** The read fails, naming the file, the line (or byte offset), the column and the value. */
    FAILFAST,
    /**
     * Values that do not parse as their column's type become null, CSV rows with too few fields
     * are padded with nulls and rows with too many are cut, a JSON line that is not valid JSON
     * becomes a row of nulls; each such row is counted in {@code ScanMetrics.malformedRows}.
     * Errors in the file's structure (an unterminated quote, a line break inside a quoted field of a
     * CSV file read in byte ranges) still fail the read.
     */
    PERMISSIVE
}
