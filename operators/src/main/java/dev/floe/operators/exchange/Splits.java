package dev.floe.operators.exchange;

import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.kernels.Selection;
import dev.floe.operators.step.Emitter;
import org.apache.arrow.memory.BufferAllocator;

/** Cuts a batch into one batch per target partition (a counting sort of row indexes, then takes). */
final class Splits {
    private Splits() {
    }

    /** Takes ownership of {@code input}; emits one tagged batch per non-empty partition. */
    static void emit(RecordBatch input, int[] partitions, int numPartitions, BufferAllocator allocator, Emitter out) {
        int n = input.numRows();
        int[] starts = new int[numPartitions + 1];
        for (int i = 0; i < n; i++) {
            starts[partitions[i] + 1]++;
        }
        for (int p = 0; p < numPartitions; p++) {
            if (starts[p + 1] == n) {
                out.emit(input, p);
                return;
            }
            starts[p + 1] += starts[p];
        }
        int[] order = new int[n];
        int[] fill = starts.clone();
        for (int i = 0; i < n; i++) {
            order[fill[partitions[i]]++] = i;
        }
        try (input) {
            for (int p = 0; p < numPartitions; p++) {
                int len = starts[p + 1] - starts[p];
                if (len > 0) {
                    int[] idx = java.util.Arrays.copyOfRange(order, starts[p], starts[p + 1]);
                    out.emit(Selection.take(input, idx, allocator), p);
                }
            }
        }
    }
}
