package dev.floe.arrow.io;

import java.io.Serializable;

/** Counters a file reader keeps so that tests and metrics can see what a scan really did. */
public final class ScanMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    public long rowsRead;
    public long rowGroupsRead;
    public long columnsDecoded;
    public long batches;

    @Override
    public String toString() {
        return "ScanMetrics(rows=" + rowsRead + ", rowGroups=" + rowGroupsRead + ", columnChunks=" + columnsDecoded
                + ", batches=" + batches + ")";
    }
}
