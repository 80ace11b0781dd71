package dev.floe.sql.functions;

import dev.floe.api.Expression;
import dev.floe.api.eval.CompiledExpr;
import dev.floe.api.eval.ExprCompiler;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Allocators;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Values;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Evaluates a scalar expression over a small in-memory table with the kernels the jobs run
 * (api's ExprCompiler, no Flink): the plan-level check of a SQL function mapping.
 */
final class Eval {
    private final Schema schema;
    private final List<List<Object>> columns;
    private final int rows;

    /** {@code rows} positional, one value per field of {@code schema}. */
    Eval(Schema schema, List<List<Object>> rows) {
        this.schema = schema;
        this.rows = rows.size();
        this.columns = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            List<Object> col = new ArrayList<>(rows.size());
            for (List<Object> r : rows) {
                col.add(r.get(c));
            }
            columns.add(col);
        }
    }

    /** A one-row table without columns, for constant expressions. */
    static Eval constant() {
        return new Eval(Schema.empty(), List.of(List.of()));
    }

    Schema schema() {
        return schema;
    }

    DataType type(Expression e) {
        return e.node().type(schema);
    }

    /** The expression's values, one per row, as {@code Table.get} returns them. */
    List<Object> values(Expression e) {
        try (BufferAllocator allocator = Allocators.child("sql-eval", 64L << 20)) {
            List<FieldVector> vectors = new ArrayList<>();
            for (int c = 0; c < schema.size(); c++) {
                Field f = schema.field(c);
                vectors.add(Values.toVector(f.name(), f.type(), columns.get(c), allocator));
            }
            try (RecordBatch batch = RecordBatch.of(schema, vectors, rows)) {
                CompiledExpr compiled = ExprCompiler.compile(e.node(), schema);
                try (FieldVector v = compiled.evaluate(batch, allocator)) {
                    List<Object> out = new ArrayList<>(rows);
                    for (int i = 0; i < rows; i++) {
                        out.add(Values.get(v, compiled.type(), i));
                    }
                    return out;
                }
            }
        }
    }

    /** The value of a constant expression. */
    Object value(Expression e) {
        return values(e).get(0);
    }
}
