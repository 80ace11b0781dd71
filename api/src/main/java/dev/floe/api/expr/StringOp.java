package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.LikeKernel;
import dev.floe.arrow.kernels.Operand;
import dev.floe.arrow.kernels.RegexKernels;
import dev.floe.arrow.kernels.StringKernels;
import dev.floe.arrow.kernels.StringKernels.Find;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * The string functions of {@link StringFunction}, each defined once: its printed name, how many
 * expression arguments and literal parameters it takes, its result type and its kernel. Adding
 * one is one constant here plus its builder method in {@link dev.floe.api.StringExpressions}.
 */
public enum StringOp {
    CONTAINS("contains", 1, 0, DataType.bool(), (s, arg, f, n, a) -> StringKernels.find(Find.CONTAINS, s, arg, a)),
    STARTS_WITH("starts_with", 1, 0, DataType.bool(), (s, arg, f, n, a) -> StringKernels.find(Find.STARTS_WITH, s, arg, a)),
    ENDS_WITH("ends_with", 1, 0, DataType.bool(), (s, arg, f, n, a) -> StringKernels.find(Find.ENDS_WITH, s, arg, a)),
    LIKE("like", 0, 1, DataType.bool(), (s, arg, f, n, a) -> LikeKernel.like(s, f.text(0), a)),
    LENGTH("length", 0, 0, DataType.int64(), (s, arg, f, n, a) -> StringKernels.length(s, a)),
    UPPER("upper", 0, 0, DataType.string(), (s, arg, f, n, a) -> StringKernels.mapCase(StringKernels.Case.UPPER, s, a)),
    LOWER("lower", 0, 0, DataType.string(), (s, arg, f, n, a) -> StringKernels.mapCase(StringKernels.Case.LOWER, s, a)),
    SUBSTR("substr", 0, 2, DataType.string(), (s, arg, f, n, a) -> StringKernels.substr(s, f.number(0), f.number(1), a)),
    REPLACE("replace", 0, 2, DataType.string(), (s, arg, f, n, a) -> StringKernels.replace(s, f.text(0), f.text(1), a)),
    SPLIT("split", 0, 1, DataType.list(DataType.string()), (s, arg, f, n, a) -> StringKernels.split(s, f.text(0), a)),
    MATCH("match", 0, 1, DataType.bool(), (s, arg, f, n, a) -> RegexKernels.matches(s, f.text(0), a)),
    EXTRACT("extract", 0, 2, DataType.string(), (s, arg, f, n, a) -> RegexKernels.extract(s, f.text(0), f.number(1), a)),
    STRIP("strip", 0, 0, DataType.string(), (s, arg, f, n, a) -> StringKernels.strip(StringKernels.Side.BOTH, s, a)),
    LSTRIP("lstrip", 0, 0, DataType.string(), (s, arg, f, n, a) -> StringKernels.strip(StringKernels.Side.LEFT, s, a)),
    RSTRIP("rstrip", 0, 0, DataType.string(), (s, arg, f, n, a) -> StringKernels.strip(StringKernels.Side.RIGHT, s, a)),
    CONCAT("concat", 1, 0, DataType.string(),
            (s, arg, f, n, a) -> StringKernels.concat(Operand.of(s, DataType.string()), arg, n, a));

    /**
     * The kernel of one string function over a batch: {@code strings} the input, {@code arg} the
     * expression argument (the needle of contains, the right side of concat) or null when the
     * function takes none, {@code call} the expression with its literal parameters.
     */
    public interface Kernel {
        FieldVector apply(VarCharVector strings, Operand arg, StringFunction call, int n, BufferAllocator allocator);
    }

    private final String fn;
    private final int args;
    private final int params;
    private final DataType result;
    private final Kernel kernel;

    StringOp(String fn, int args, int params, DataType result, Kernel kernel) {
        this.fn = fn;
        this.args = args;
        this.params = params;
        this.result = result;
        this.kernel = kernel;
    }

    /** Printed name, e.g. {@code starts_with}. */
    public String fn() {
        return fn;
    }

    /** Number of expression arguments besides the string itself. */
    public int args() {
        return args;
    }

    /** Number of literal parameters (patterns, positions). */
    public int params() {
        return params;
    }

    public DataType resultType() {
        return result;
    }

    /** The kernel that computes it; the compiler calls it once per batch. */
    public Kernel kernel() {
        return kernel;
    }
}
