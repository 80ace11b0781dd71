package dev.floe.formats;

import java.io.Serializable;

/**
 * Counters a file scan keeps so that tests and metrics can see what it really did: rows, row
 * groups read and skipped by statistics, files skipped by partition values, column chunks
 * decoded and bytes read from storage. Readers count into their own instance; {@link #global()}
 * sums everything this JVM has read (what tests on a local MiniCluster assert).
 *
 * <pre>{@code ScanMetrics before = ScanMetrics.global(); ...; ScanMetrics.global().minus(before).rowGroupsSkipped}</pre>
 */
public final class ScanMetrics implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ScanMetrics GLOBAL = new ScanMetrics();

    public long rowsRead;
    public long rowGroupsRead;
    public long rowGroupsSkipped;
    public long filesSkipped;
    public long columnsDecoded;
    public long bytesRead;
    public long batches;
    /** Data pages decoded page-at-a-time into Arrow buffers. */
    public long pagesFastDecoded;
    /** Data pages read value by value through parquet-java's ColumnReader. */
    public long pagesFallback;
    /** Column chunks read through parquet-java's ColumnReader (encodings the page decoder lacks). */
    public long columnChunksFallback;
    /** CSV / JSON-lines byte ranges read (a file larger than the split size is several). */
    public long textSplitsRead;
    /** CSV / JSON rows that PERMISSIVE mode repaired (unparsable values nulled, fields padded or cut). */
    public long malformedRows;

    /** A copy of the totals of this JVM. */
    public static ScanMetrics global() {
        synchronized (GLOBAL) {
            return GLOBAL.copy();
        }
    }

    /** Adds these counters to the totals of this JVM. */
    public void publish() {
        synchronized (GLOBAL) {
            GLOBAL.add(this);
        }
    }

    public void add(ScanMetrics o) {
        rowsRead += o.rowsRead;
        rowGroupsRead += o.rowGroupsRead;
        rowGroupsSkipped += o.rowGroupsSkipped;
        filesSkipped += o.filesSkipped;
        columnsDecoded += o.columnsDecoded;
        bytesRead += o.bytesRead;
        batches += o.batches;
        pagesFastDecoded += o.pagesFastDecoded;
        pagesFallback += o.pagesFallback;
        columnChunksFallback += o.columnChunksFallback;
        textSplitsRead += o.textSplitsRead;
        malformedRows += o.malformedRows;
    }

    /** The counters counted since {@code earlier} (a copy taken before). */
    public ScanMetrics minus(ScanMetrics earlier) {
        ScanMetrics d = copy();
        d.rowsRead -= earlier.rowsRead;
        d.rowGroupsRead -= earlier.rowGroupsRead;
        d.rowGroupsSkipped -= earlier.rowGroupsSkipped;
        d.filesSkipped -= earlier.filesSkipped;
        d.columnsDecoded -= earlier.columnsDecoded;
        d.bytesRead -= earlier.bytesRead;
        d.batches -= earlier.batches;
        d.pagesFastDecoded -= earlier.pagesFastDecoded;
        d.pagesFallback -= earlier.pagesFallback;
        d.columnChunksFallback -= earlier.columnChunksFallback;
        d.textSplitsRead -= earlier.textSplitsRead;
        d.malformedRows -= earlier.malformedRows;
        return d;
    }

    public ScanMetrics copy() {
        ScanMetrics c = new ScanMetrics();
        c.add(this);
        return c;
    }

    public void reset() {
        rowsRead = 0;
        rowGroupsRead = 0;
        rowGroupsSkipped = 0;
        filesSkipped = 0;
        columnsDecoded = 0;
        bytesRead = 0;
        batches = 0;
        pagesFastDecoded = 0;
        pagesFallback = 0;
        columnChunksFallback = 0;
        textSplitsRead = 0;
        malformedRows = 0;
    }

    @Override
    public String toString() {
        return "ScanMetrics(rows=" + rowsRead + ", rowGroupsRead=" + rowGroupsRead + ", rowGroupsSkipped="
                + rowGroupsSkipped + ", filesSkipped=" + filesSkipped + ", columnChunks=" + columnsDecoded
                + ", bytes=" + bytesRead + ", batches=" + batches + ", textSplits=" + textSplitsRead
                + ", malformedRows=" + malformedRows + ", pagesFastDecoded=" + pagesFastDecoded + ", pagesFallback="
                + pagesFallback + ", columnChunksFallback=" + columnChunksFallback + ")";
    }
}
