package dev.floe.operators.blocking;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Concat;
import dev.floe.arrow.kernels.Selection;
import dev.floe.arrow.kernels.Sorting;
import dev.floe.operators.spill.SpillFile;
import dev.floe.operators.step.Emitter;
import dev.floe.operators.step.KeyColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Merges sorted runs spilled to disk into one ordered output, reading one batch per run at a
 * time. Output rows are chosen by comparing the runs' current key rows; an output batch is
 * materialized by one take over the runs' current batches whenever it is full or a run moves on
 * to its next batch.
 */
final class SortedRunMerger {
    private final Schema schema;
    private final KeyColumns keys;
    private final List<Sorting.Order> orders;
    private final BufferAllocator allocator;
    private final int outputRows;

    SortedRunMerger(Schema schema, KeyColumns keys, List<Sorting.Order> orders, BufferAllocator allocator,
            int outputRows) {
        this.outputRows = outputRows;
        this.schema = schema;
        this.keys = keys;
        this.orders = orders;
        this.allocator = allocator;
    }

    /** One run: its reader, its current batch and that batch's key vectors. */
    private final class Run implements AutoCloseable {
        final SpillFile.Reader reader;
        RecordBatch batch;
        KeyColumns.Values keyValues;
        int pos;

        Run(SpillFile file) {
            reader = file.reader(schema, allocator);
            advance();
        }

        boolean active() {
            return batch != null;
        }

        /** Loads the next non-empty batch, or ends the run. */
        void advance() {
            release();
            for (RecordBatch b = reader.next(); b != null; b = reader.next()) {
                if (b.numRows() > 0) {
                    batch = b;
                    keyValues = keys.evaluate(b, allocator);
                    pos = 0;
                    return;
                }
                b.close();
            }
        }

        private void release() {
            if (keyValues != null) {
                keyValues.close();
                keyValues = null;
            }
            if (batch != null) {
                batch.close();
                batch = null;
            }
        }

        @Override
        public void close() {
            release();
            reader.close();
        }
    }

    void merge(List<SpillFile> files, Emitter out) {
        List<Run> runs = new ArrayList<>(files.size());
        try {
            for (SpillFile f : files) {
                runs.add(new Run(f));
            }
            int[] picksRun = new int[outputRows];
            int[] picksRow = new int[outputRows];
            int count = 0;
            while (true) {
                Run best = null;
                int bestIndex = -1;
                for (int r = 0; r < runs.size(); r++) {
                    Run run = runs.get(r);
                    if (run.active() && (best == null || Sorting.compareRows(run.keyValues.vectors(), run.pos,
                            best.keyValues.vectors(), best.pos, keys.types(), orders) < 0)) {
                        best = run;
                        bestIndex = r;
                    }
                }
                if (best == null) {
                    break;
                }
                picksRun[count] = bestIndex;
                picksRow[count++] = best.pos++;
                boolean exhausted = best.pos == best.batch.numRows();
                if (count == outputRows || exhausted) {
                    emit(runs, picksRun, picksRow, count, out);
                    count = 0;
                    if (exhausted) {
                        best.advance();
                    }
                }
            }
            emit(runs, picksRun, picksRow, count, out);
        } finally {
            runs.forEach(Run::close);
        }
    }

    private void emit(List<Run> runs, int[] picksRun, int[] picksRow, int count, Emitter out) {
        if (count == 0) {
            return;
        }
        List<RecordBatch> current = new ArrayList<>();
        int[] offset = new int[runs.size()];
        int total = 0;
        for (int r = 0; r < runs.size(); r++) {
            offset[r] = total;
            Run run = runs.get(r);
            if (run.active()) {
                current.add(run.batch);
                total += run.batch.numRows();
            }
        }
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = offset[picksRun[i]] + picksRow[i];
        }
        try (RecordBatch all = Concat.concat(schema, current, allocator)) {
            out.emit(Selection.take(all, idx, allocator));
        }
    }
}
