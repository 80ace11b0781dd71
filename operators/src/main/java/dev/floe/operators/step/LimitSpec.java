package dev.floe.operators.step;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;

/** Passes the first {@code n} rows this step sees and drops the rest. */
public record LimitSpec(Schema inputSchema, long n) implements RowSubsetSpec {

    @Override public Schema outputSchema() { return inputSchema; }

    @Override public String describe() { return "Limit: " + n; }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        return new Step() {
            private long remaining = n;

            @Override
            public void push(RecordBatch input, Emitter out) {
                if (remaining <= 0) {
                    input.close();
                    return;
                }
                if (input.numRows() <= remaining) {
                    remaining -= input.numRows();
                    out.emit(input);
                    return;
                }
                RecordBatch head;
                try (input) {
                    head = input.slice(0, (int) remaining, allocator);
                    remaining = 0;
                }
                out.emit(head);
            }

            @Override
            public boolean finished() {
                return remaining <= 0;
            }
        };
    }
}
