package dev.floe.operators.step;

import dev.floe.api.eval.CompiledExpr;
import dev.floe.api.eval.ExprCompiler;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Key expressions bound to a schema. Plain column references read the batch's own vector (no
 * copy); computed keys are evaluated into vectors that {@link Values#close} releases.
 */
public final class KeyColumns {
    private final int[] columns;
    private final CompiledExpr[] computed;
    private final List<DataType> types;

    private KeyColumns(int[] columns, CompiledExpr[] computed, List<DataType> types) {
        this.columns = columns;
        this.computed = computed;
        this.types = types;
    }

    public static KeyColumns bind(List<Expr> keys, Schema schema) {
        int[] columns = new int[keys.size()];
        CompiledExpr[] computed = new CompiledExpr[keys.size()];
        List<DataType> types = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Expr k = keys.get(i).unalias();
            if (k instanceof dev.floe.api.expr.SortKey s) {
                k = s.child();
            }
            if (k instanceof Column c) {
                columns[i] = schema.indexOf(c.name());
                types.add(schema.field(columns[i]).type());
            } else {
                columns[i] = -1;
                computed[i] = ExprCompiler.compile(k, schema);
                types.add(computed[i].type());
            }
        }
        return new KeyColumns(columns, computed, List.copyOf(types));
    }

    public List<DataType> types() {
        return types;
    }

    /** The key vectors of a batch; close the result (it frees only what was computed). */
    public Values evaluate(RecordBatch batch, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(columns.length);
        List<FieldVector> owned = new ArrayList<>();
        try {
            for (int i = 0; i < columns.length; i++) {
                if (columns[i] >= 0) {
                    vectors.add(batch.vector(columns[i]));
                } else {
                    FieldVector v = computed[i].evaluate(batch, allocator);
                    owned.add(v);
                    vectors.add(v);
                }
            }
        } catch (RuntimeException e) {
            owned.forEach(FieldVector::close);
            throw e;
        }
        return new Values(vectors, owned);
    }

    /** Key vectors of one batch. */
    public record Values(List<FieldVector> vectors, List<FieldVector> owned) implements AutoCloseable {
        @Override
        public void close() {
            owned.forEach(FieldVector::close);
        }
    }
}
