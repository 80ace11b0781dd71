package dev.floe.api.eval;

import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Allocators;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.Values;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Evaluates expressions without column references with the same kernels the jobs use, so that
 * constant folding has exactly the runtime semantics.
 */
public final class ConstantEvaluator {
    private ConstantEvaluator() {
    }

    /** The value of a constant expression, or empty when it reads columns or fails (left to run time). */
    /**
     * User functions run where the data is (they may be costly or not deterministic), never at planning;
     * nor do rand and monotonically_increasing_id, whose values depend on the row's place.
     */
    private static boolean callsUdf(Expr e) {
        if (e instanceof dev.floe.api.expr.Udf || e instanceof dev.floe.api.expr.Nondeterministic) {
            return true;
        }
        for (Expr c : e.children()) {
            if (callsUdf(c)) {
                return true;
            }
        }
        return false;
    }

    public static Optional<Literal> tryFold(Expr expr) {
        if (!expr.columnRefs().isEmpty() || callsUdf(expr)) {
            return Optional.empty();
        }
        try (BufferAllocator allocator = Allocators.child("constant-folding", 1 << 20);
                RecordBatch one = RecordBatch.of(Schema.empty(), List.of(), 1)) {
            CompiledExpr compiled = ExprCompiler.compile(expr, Schema.empty());
            try (FieldVector v = compiled.evaluate(one, allocator)) {
                return Optional.of(new Literal(Values.get(v, compiled.type(), 0), compiled.type()));
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
