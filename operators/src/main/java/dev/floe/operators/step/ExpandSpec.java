package dev.floe.operators.step;

import dev.floe.api.eval.CompiledExpr;
import dev.floe.api.eval.ExprCompiler;
import dev.floe.api.expr.Expr;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Emits one batch per projection for each input batch (see {@link dev.floe.api.plan.Expand}):
 * each projection is evaluated over the whole batch, so a plain column is a zero-copy view of the
 * input shared by every projection and a constant is one broadcast vector.
 */
public record ExpandSpec(Schema inputSchema, List<List<Expr>> projections, Schema outputSchema, String describe)
        implements StepSpec {
    public ExpandSpec {
        projections = projections.stream().map(List::copyOf).toList();
    }

    /** Holds one batch at a time. */
    @Override
    public int managedMemoryWeight() {
        return 0;
    }

    /** True when each column is the input column of its name in every projection (rows repeat, values stay). */
    @Override
    public boolean keepsColumns(List<String> columns) {
        for (String c : columns) {
            int i = outputSchema.indexOf(c);
            if (i < 0) {
                return false;
            }
            for (List<Expr> p : projections) {
                if (!(p.get(i) instanceof dev.floe.api.expr.Column col && col.name().equals(c))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public Step create(StepContext context) {
        BufferAllocator allocator = context.allocator();
        List<List<CompiledExpr>> compiled = new ArrayList<>(projections.size());
        for (List<Expr> p : projections) {
            List<CompiledExpr> c = new ArrayList<>(p.size());
            for (Expr e : p) {
                c.add(ExprCompiler.compile(e, inputSchema, context.partition()));
            }
            compiled.add(c);
        }
        return (input, out) -> {
            try (input) {
                if (input.numRows() == 0) {
                    return;
                }
                for (List<CompiledExpr> p : compiled) {
                    out.emit(ProjectSpec.evaluate(p, input, outputSchema, allocator));
                }
            }
        };
    }
}
