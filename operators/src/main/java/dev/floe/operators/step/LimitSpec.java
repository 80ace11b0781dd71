package dev.floe.operators.step;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;

/** Passes the first {@code n} rows this step sees and drops the rest. */
public record LimitSpec(Schema inputSchema, long n) implements StepSpec {

    @Override public Schema outputSchema() { return inputSchema; }

    @Override public String describe() { return "Limit: " + n; }

    @Override
    public Step create(BufferAllocator allocator) {
        return new Step() {
            private long remaining = n;

            @Override
            public RecordBatch apply(RecordBatch input) {
                if (remaining <= 0) {
                    input.close();
                    return null;
                }
                if (input.numRows() <= remaining) {
                    remaining -= input.numRows();
                    return input;
                }
                try (input) {
                    RecordBatch out = input.slice(0, (int) remaining, allocator);
                    remaining = 0;
                    return out;
                }
            }

            @Override
            public boolean finished() {
                return remaining <= 0;
            }
        };
    }
}
