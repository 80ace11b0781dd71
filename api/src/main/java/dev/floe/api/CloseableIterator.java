package dev.floe.api;

import java.util.Iterator;

/**
 * An iterator over results that holds resources (a running job, Arrow memory) until it is closed
 * or exhausted. Close it when you stop early: {@code try (CloseableIterator<Table> it = df.iterBatches()) { ... }}
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    /** Releases what the iterator holds (and cancels its job if it still runs); closing twice does nothing. */
    @Override
    void close();
}
