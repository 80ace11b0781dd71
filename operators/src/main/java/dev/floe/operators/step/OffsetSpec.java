package dev.floe.operators.step;

import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;

/** Drops the first {@code n} rows it receives and passes the rest (one partition: a global offset). */
public record OffsetSpec(Schema inputSchema, long n) implements RowSubsetSpec {

    @Override public Schema outputSchema() { return inputSchema; }

    @Override public String describe() { return "Offset: " + n; }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        return new Step() {
            private long toSkip = n;

            @Override
            public void push(RecordBatch input, Emitter out) {
                if (toSkip == 0) {
                    out.emit(input);
                    return;
                }
                if (input.numRows() <= toSkip) {
                    toSkip -= input.numRows();
                    input.close();
                    return;
                }
                RecordBatch tail;
                try (input) {
                    int skip = (int) toSkip;
                    tail = input.slice(skip, input.numRows() - skip, allocator);
                    toSkip = 0;
                }
                out.emit(tail);
            }
        };
    }
}
