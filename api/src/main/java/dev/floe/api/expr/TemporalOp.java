package dev.floe.api.expr;

import dev.floe.api.types.DataType;
import dev.floe.arrow.kernels.TemporalKernels;
import dev.floe.arrow.kernels.TemporalKernels.Field;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The date/timestamp functions of {@link TemporalFunction}, each defined once: printed name,
 * result type and kernel.
 */
public enum TemporalOp {
    YEAR("year", field(Field.YEAR)), MONTH("month", field(Field.MONTH)), DAY("day", field(Field.DAY)),
    HOUR("hour", field(Field.HOUR)), MINUTE("minute", field(Field.MINUTE)), SECOND("second", field(Field.SECOND)),
    DAY_OF_WEEK("day_of_week", field(Field.DAY_OF_WEEK)), DAY_OF_YEAR("day_of_year", field(Field.DAY_OF_YEAR)),
    QUARTER("quarter", field(Field.QUARTER)), WEEK_OF_YEAR("week_of_year", field(Field.WEEK_OF_YEAR)),
    DATE("date", (v, in, call, a) -> TemporalKernels.date(v, in, a)),
    TRUNCATE("truncate", (v, in, call, a) -> TemporalKernels.truncate(call.truncateUnit(), v, in, a));

    /** The kernel of one temporal function over a batch of dates or timestamps of type {@code in}. */
    public interface Kernel {
        FieldVector apply(FieldVector values, DataType in, TemporalFunction call, BufferAllocator allocator);
    }

    private final String fn;
    private final Kernel kernel;

    TemporalOp(String fn, Kernel kernel) {
        this.fn = fn;
        this.kernel = kernel;
    }

    private static Kernel field(Field f) {
        return (v, in, call, a) -> TemporalKernels.field(f, v, in, a);
    }

    /** The kernel that computes it; the compiler calls it once per batch. */
    public Kernel kernel() {
        return kernel;
    }

    /** Printed name, e.g. {@code day_of_week}. */
    public String fn() {
        return fn;
    }

    /** Whether the function reads a time of day, so needs a timestamp. */
    public boolean needsTime() {
        return this == HOUR || this == MINUTE || this == SECOND;
    }

    /** The result for an input of type {@code in}: int32 fields, date, or the input type (truncate). */
    public DataType resultType(DataType in) {
        return switch (this) {
            case DATE -> DataType.date();
            case TRUNCATE -> in;
            default -> DataType.int32();
        };
    }
}
