package dev.floe.operators.step;

import dev.floe.api.eval.CompiledExpr;
import dev.floe.api.eval.ExprCompiler;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Computes one output column per expression. */
public record ProjectSpec(Schema inputSchema, List<Expr> exprs, Schema outputSchema) implements StepSpec {
    public ProjectSpec {
        exprs = List.copyOf(exprs);
    }

    @Override
    public String describe() {
        return "Project: " + exprs.stream().map(ProjectSpec::display).collect(Collectors.joining(", "));
    }

    /** {@code e AS name}, or just {@code e} when it is named after its own text (an aggregation's laid-out input). */
    private static String display(Expr e) {
        return e instanceof dev.floe.api.expr.Alias a && a.name().equals(a.child().display()) ? a.child().display()
                : e.display();
    }

    /** Holds one batch at a time. */
    @Override
    public int managedMemoryWeight() {
        return 0;
    }

    /** True when each column is projected as itself, a plain reference under its own name. */
    @Override
    public boolean keepsColumns(List<String> columns) {
        return columns.stream().allMatch(c -> exprs.stream().anyMatch(e -> e instanceof Column col && col.name().equals(c)));
    }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        List<CompiledExpr> compiled = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            compiled.add(ExprCompiler.compile(e, inputSchema, context.partition()));
        }
        return Step.map(input -> {
            try (input) {
                return evaluate(compiled, input, outputSchema, allocator);
            }
        });
    }

    /** A new batch of {@code schema} with one column per expression over {@code input} (which stays the caller's). */
    static RecordBatch evaluate(List<CompiledExpr> compiled, RecordBatch input, Schema schema, BufferAllocator allocator) {
        List<FieldVector> out = new ArrayList<>(compiled.size());
        try {
            for (CompiledExpr c : compiled) {
                out.add(c.evaluate(input, allocator));
            }
        } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return RecordBatch.of(schema, out, input.numRows());
    }
}
