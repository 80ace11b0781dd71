package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import java.io.Serializable;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A function of any number of expression arguments and literal parameters, called through
 * {@link FunctionCall}: {@code lpad(s, 5, '0')}, {@code date_diff(end, start)}, {@code greatest(a, b, c)}.
 * Each family is an enum ({@link StringFn}, {@link DateFn}, {@link MathFn}, {@link ListFn}) whose
 * constants state the printed name, the type rule ({@link #bind}) and the kernel, so the plan and
 * the runtime read the same definition.
 *
 * <pre>{@code Signature s = StringFn.LPAD.bind(List.of(DataType.string()), List.of(5, "0"), "lpad(s, 5, '0')");}</pre>
 */
public interface ScalarFn extends Serializable {

    /** Printed name, e.g. {@code lpad}. */
    String fn();

    /**
     * Checks the argument types and parameters of a call and says what the arguments are
     * converted to and what the call returns; a {@link dev.floe.api.PlanException} naming
     * {@code what} otherwise.
     */
    Signature bind(List<DataType> args, List<Object> params, String what);

    /**
     * The kernel over one batch: the arguments as vectors of {@link Signature#args()} (scalars are
     * broadcast), {@code n} rows; returns a new vector of {@link Signature#result()}.
     */
    FieldVector apply(FieldVector[] args, Signature signature, FunctionCall call, int n, BufferAllocator allocator);

    /** Checks the literal parameters alone, when the call is built. */
    default void validate(List<Object> params, String what) {
    }

    /** The types the arguments are converted to, and the result type. */
    record Signature(List<DataType> args, DataType result) implements Serializable {
        public Signature {
            args = List.copyOf(args);
        }
    }

    /** A family's kernel, as its enum constants state it. */
    interface Kernel extends Serializable {
        FieldVector apply(FieldVector[] args, Signature signature, FunctionCall call, int n, BufferAllocator allocator);
    }

    /** A family's type rule, as its enum constants state it. */
    interface Binder extends Serializable {
        Signature bind(List<DataType> args, List<Object> params, String what);
    }
}
