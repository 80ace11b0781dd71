package dev.floe.operators.step;

import dev.floe.api.eval.BatchFilter;
import dev.floe.api.eval.CompiledExpr;
import dev.floe.api.eval.ExprCompiler;
import dev.floe.api.expr.Expr;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;

/** Keeps the rows where {@code predicate} is true. */
public record FilterSpec(Schema inputSchema, Expr predicate) implements RowSubsetSpec {

    @Override public Schema outputSchema() { return inputSchema; }

    @Override public String describe() { return "Filter: " + predicate.display(); }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        CompiledExpr compiled = ExprCompiler.compile(predicate, inputSchema, context.partition());
        return Step.map(input -> {
            try (input) {
                RecordBatch out = BatchFilter.apply(input, compiled, allocator);
                if (out.numRows() == 0) {
                    out.close();
                    return null;
                }
                return out;
            }
        });
    }
}
