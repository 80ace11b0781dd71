package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.NestedKernels;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import dev.floe.api.types.DataType.Kind;

/** The functions of {@link ListFunction}, each defined once: printed name, parameters, result type and kernel. */
public enum ListOp {
    LENGTH("list_length", 0, (v, element, call, a) -> NestedKernels.length(v, a)),
    GET("list_get", 1, (v, element, call, a) -> NestedKernels.get(v, element, call.index(), a)),
    JOIN("list_join", 1, (v, element, call, a) -> NestedKernels.join(v, call.separator(), a)),
    SUM("list_sum", 0, aggregate(NestedKernels.Agg.SUM)),
    MIN("list_min", 0, aggregate(NestedKernels.Agg.MIN)),
    MAX("list_max", 0, aggregate(NestedKernels.Agg.MAX));

    /** The kernel of one list function over a batch of lists of {@code element}. */
    public interface Kernel {
        FieldVector apply(ListVector lists, DataType element, ListFunction call, BufferAllocator allocator);
    }

    private final String fn;
    private final int params;
    private final Kernel kernel;

    ListOp(String fn, int params, Kernel kernel) {
        this.fn = fn;
        this.params = params;
        this.kernel = kernel;
    }

    private static Kernel aggregate(NestedKernels.Agg agg) {
        return (v, element, call, a) -> NestedKernels.aggregate(agg, v, element, call.display(), a);
    }

    /** The kernel that computes it; the compiler calls it once per batch. */
    public Kernel kernel() {
        return kernel;
    }

    public String fn() {
        return fn;
    }

    public int params() {
        return params;
    }

    /** The result over lists of {@code element}; {@code what} names the expression in errors. */
    public DataType resultType(DataType element, String what) {
        return switch (this) {
            case LENGTH -> DataType.int64();
            case GET -> element;
            case JOIN -> {
                if (element.kind() != Kind.STRING) {
                    throw new PlanException("list().join needs a list of strings but the elements are " + element
                            + " in " + what + "; cast the list to list(string) first");
                }
                yield DataType.string();
            }
            case SUM -> {
                if (element.isInteger()) {
                    yield DataType.int64();
                }
                if (element.isFloating()) {
                    yield DataType.float64();
                }
                if (element instanceof DataType.Decimal d) {
                    yield DataType.decimal(38, d.scale());
                }
                throw new PlanException("list().sum needs numeric elements but they are " + element + " in " + what);
            }
            case MIN, MAX -> {
                switch (element.kind()) {
                    case LIST, STRUCT, MAP, INTERVAL, NULL -> throw new PlanException("list()." + name().toLowerCase()
                            + " needs elements with an order but they are " + element + " in " + what);
                    default -> {
                        yield element;
                    }
                }
            }
        };
    }
}
