package dev.floe.api;

import dev.floe.api.types.Schema;
import dev.floe.arrow.Allocators;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Series;
import dev.floe.arrow.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/** The shapes results are read in besides a whole {@link Table}: batches, tables, rows, an ArrowReader. */
final class Results {
    private Results() {
    }

    /** The table's batches one by one, each handed to the caller; closing closes the rest. */
    static CloseableIterator<RecordBatch> batchesOf(Table table) {
        Iterator<RecordBatch> it = table.batches().iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return !table.isClosed() && it.hasNext();
            }

            @Override
            public RecordBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RecordBatch b = it.next();
                // the caller owns what it gets; the table no longer does (transferTo marks b closed)
                return b.transferTo(Allocators.root());
            }

            @Override
            public void close() {
                table.close();
            }
        };
    }

    /** Maps each element, keeping the source's close. */
    static <A, B> CloseableIterator<B> map(CloseableIterator<A> source, Function<A, B> fn) {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public B next() {
                return fn.apply(source.next());
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    /** Each row as a list of Java values (API.md's classes), batch by batch; one batch is held at a time. */
    static <T> CloseableIterator<T> rows(CloseableIterator<RecordBatch> batches, Function<RowView, T> toRow) {
        return new CloseableIterator<>() {
            private RecordBatch current;
            private RowView view;
            private int row;
            private long index;

            @Override
            public boolean hasNext() {
                while (current == null || row >= current.numRows()) {
                    if (current != null) {
                        current.close();
                        current = null;
                    }
                    if (!batches.hasNext()) {
                        return false;
                    }
                    current = batches.next();
                    view = new RowView(current);
                    row = 0;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                view.row = row++;
                view.index = index++;
                return toRow.apply(view);
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close();
                    current = null;
                }
                batches.close();
            }
        };
    }

    /** One row of a batch, read column by column (valid until the iterator moves on). */
    static final class RowView {
        final RecordBatch batch;
        private final Series[] columns;
        int row;
        /** The row's number in the whole result, from 0 (for error messages). */
        long index;

        RowView(RecordBatch batch) {
            this.batch = batch;
            this.columns = new Series[batch.numColumns()];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = batch.column(c);
            }
        }

        Object get(int column) {
            return columns[column].get(row);
        }

        List<Object> toList() {
            List<Object> out = new ArrayList<>(columns.length);
            for (int c = 0; c < columns.length; c++) {
                out.add(get(c));
            }
            return out;
        }
    }

    /**
     * An ArrowReader over the batches: each {@code loadNextBatch()} moves the next batch into the
     * reader's root (no copy; Floe's allocators share one root). Closing the reader closes the
     * batches' source (cancelling the job if it still runs) and the reader's allocator.
     */
    static ArrowReader arrowReader(Schema schema, CloseableIterator<RecordBatch> batches) {
        BufferAllocator allocator = Allocators.child("toArrowReader", Long.MAX_VALUE);
        return new ArrowReader(allocator) {
            @Override
            public boolean loadNextBatch() throws IOException {
                prepareLoadNextBatch();
                if (!batches.hasNext()) {
                    return false;
                }
                try (RecordBatch b = batches.next(); VectorSchemaRoot view = b.asRoot();
                        ArrowRecordBatch message = new VectorUnloader(view).getRecordBatch()) {
                    loadRecordBatch(message);
                }
                return true;
            }

            @Override
            public long bytesRead() {
                return 0;
            }

            @Override
            protected void closeReadSource() {
                batches.close();
                allocator.close();
            }

            @Override
            protected org.apache.arrow.vector.types.pojo.Schema readSchema() {
                return schema.toArrow();
            }
        };
    }
}
