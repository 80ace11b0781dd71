package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.kernels.DateFunctionKernels;
import dev.floe.arrow.kernels.DatePattern;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Date and timestamp functions called through {@link FunctionCall}, each defined once: printed
 * name, type rule and kernel. Built by {@link dev.floe.api.TemporalExpressions},
 * {@link dev.floe.api.StringExpressions} (parsing) and {@link dev.floe.api.Functions}.
 */
public enum DateFn implements ScalarFn {
    DATE_DIFF("date_diff"), DATE_ADD("date_add"), LAST_DAY("last_day"), MONTHS_BETWEEN("months_between"),
    UNIX_TIMESTAMP("unix_timestamp"), FROM_UNIXTIME("from_unixtime"), DATE_FORMAT("date_format"),
    TO_DATE("to_date"), TO_TIMESTAMP("to_timestamp"), FROM_UTC_TIMESTAMP("from_utc_timestamp"),
    TO_UTC_TIMESTAMP("to_utc_timestamp"), CONVERT_TIME_ZONE("convert_time_zone");

    private static final DataType MICROS = DataType.timestamp(TimeUnit.MICROSECOND, null);

    private final String fn;

    DateFn(String fn) {
        this.fn = fn;
    }

    @Override
    public String fn() {
        return fn;
    }

    @Override
    public void validate(List<Object> params, String what) {
        int expected = switch (this) {
            case DATE_FORMAT, TO_DATE, TO_TIMESTAMP, FROM_UTC_TIMESTAMP, TO_UTC_TIMESTAMP, CONVERT_TIME_ZONE -> 1;
            default -> 0;
        };
        if (params.size() != expected || params.contains(null)) {
            throw new PlanException(what + " takes " + expected + " non-null parameter(s), got " + params);
        }
        try {
            switch (this) {
                case DATE_FORMAT -> DatePattern.compile((String) params.get(0), false);
                case TO_DATE, TO_TIMESTAMP -> DatePattern.compile((String) params.get(0), true);
                case FROM_UTC_TIMESTAMP, TO_UTC_TIMESTAMP, CONVERT_TIME_ZONE -> ZoneId.of((String) params.get(0));
                default -> {
                }
            }
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new PlanException("Invalid " + (expected == 1 && (this.name().contains("UTC") || this == CONVERT_TIME_ZONE) ? "time zone" : "pattern")
                    + " in " + what + ": " + e.getMessage(), e);
        }
    }

    private static void temporal(DataType t, String what, int arg) {
        if (!t.isTemporal() && t.kind() != Kind.NULL) {
            throw new PlanException(what + " needs a date or timestamp but argument " + arg + " is " + t
                    + "; parse strings with str().toDate(pattern) or cast first");
        }
    }

    private void arity(List<DataType> in, int n, String what) {
        if (in.size() != n) {
            throw new PlanException(what + ": " + fn + " takes " + n + " argument(s), got " + in.size());
        }
    }

    /** The argument as it is, or a date when null-typed. */
    private static DataType orDate(DataType t) {
        return t.kind() == Kind.NULL ? DataType.date() : t;
    }

    @Override
    public Signature bind(List<DataType> in, List<Object> params, String what) {
        switch (this) {
            case DATE_DIFF -> {
                arity(in, 2, what);
                temporal(in.get(0), what, 1);
                temporal(in.get(1), what, 2);
                return new Signature(List.of(DataType.date(), DataType.date()), DataType.int64());
            }
            case DATE_ADD -> {
                arity(in, 2, what);
                temporal(in.get(0), what, 1);
                if (!in.get(1).isInteger() && in.get(1).kind() != Kind.NULL) {
                    throw new PlanException(what + " needs a whole number of days but got " + in.get(1));
                }
                return new Signature(List.of(DataType.date(), DataType.int64()), DataType.date());
            }
            case LAST_DAY -> {
                arity(in, 1, what);
                temporal(in.get(0), what, 1);
                return new Signature(List.of(DataType.date()), DataType.date());
            }
            case MONTHS_BETWEEN -> {
                arity(in, 2, what);
                temporal(in.get(0), what, 1);
                temporal(in.get(1), what, 2);
                DataType t = MathFn.common(in, what);
                DataType ts = t.kind() == Kind.TIMESTAMP ? t : MICROS;
                return new Signature(List.of(ts, ts), DataType.float64());
            }
            case UNIX_TIMESTAMP -> {
                arity(in, 1, what);
                temporal(in.get(0), what, 1);
                return new Signature(List.of(orDate(in.get(0))), DataType.int64());
            }
            case FROM_UNIXTIME -> {
                arity(in, 1, what);
                if (!in.get(0).isInteger() && in.get(0).kind() != Kind.NULL) {
                    throw new PlanException(what + " needs whole seconds (an integer) but got " + in.get(0)
                            + "; cast it with .cast(DataType.int64())");
                }
                return new Signature(List.of(DataType.int64()), DataType.timestamp(TimeUnit.MICROSECOND, "UTC"));
            }
            case DATE_FORMAT -> {
                arity(in, 1, what);
                temporal(in.get(0), what, 1);
                return new Signature(List.of(orDate(in.get(0))), DataType.string());
            }
            case TO_DATE, TO_TIMESTAMP -> {
                arity(in, 1, what);
                if (in.get(0).kind() != Kind.STRING && in.get(0).kind() != Kind.NULL) {
                    throw new PlanException(what + " parses strings but got " + in.get(0));
                }
                return new Signature(List.of(DataType.string()), this == TO_DATE ? DataType.date() : MICROS);
            }
            case FROM_UTC_TIMESTAMP, TO_UTC_TIMESTAMP -> {
                arity(in, 1, what);
                DataType t = in.get(0);
                temporal(t, what, 1);
                if (t instanceof DataType.Timestamp ts && ts.zone() != null) {
                    throw new PlanException(what + " shifts zone-less timestamps but the argument is " + t
                            + "; for a timestamp with a zone use dt().convertTimeZone(zone) or cast(timestamp(unit, zone))");
                }
                DataType arg = t.kind() == Kind.TIMESTAMP ? t : MICROS;
                return new Signature(List.of(arg), arg);
            }
            case CONVERT_TIME_ZONE -> {
                arity(in, 1, what);
                DataType t = in.get(0);
                if (t.kind() != Kind.TIMESTAMP && t.kind() != Kind.NULL) {
                    throw new PlanException(what + " needs a timestamp but got " + t);
                }
                DataType arg = t.kind() == Kind.TIMESTAMP ? t : MICROS;
                DataType.Timestamp ts = (DataType.Timestamp) arg;
                return new Signature(List.of(arg), DataType.timestamp(ts.unit(), (String) params.get(0)));
            }
            default -> throw new IllegalStateException(fn);
        }
    }

    @Override
    public FieldVector apply(FieldVector[] v, Signature s, FunctionCall call, int n, BufferAllocator a) {
        return switch (this) {
            case DATE_DIFF -> DateFunctionKernels.dateDiff((DateDayVector) v[0], (DateDayVector) v[1], a);
            case DATE_ADD -> DateFunctionKernels.dateAdd((DateDayVector) v[0], (BigIntVector) v[1], call.display(), a);
            case LAST_DAY -> DateFunctionKernels.lastDay((DateDayVector) v[0], a);
            case MONTHS_BETWEEN -> DateFunctionKernels.monthsBetween(v[0], v[1], (DataType.Timestamp) s.args().get(0), a);
            case UNIX_TIMESTAMP -> DateFunctionKernels.unixTimestamp(v[0], s.args().get(0), a);
            case FROM_UNIXTIME -> DateFunctionKernels.fromUnixTime((BigIntVector) v[0], (DataType.Timestamp) s.result(),
                    call.display(), a);
            case DATE_FORMAT -> DateFunctionKernels.format(v[0], s.args().get(0), DatePattern.compile(call.text(0), false), a);
            case TO_DATE, TO_TIMESTAMP -> DateFunctionKernels.parse((VarCharVector) v[0],
                    DatePattern.compile(call.text(0), true), s.result(), a);
            case FROM_UTC_TIMESTAMP, TO_UTC_TIMESTAMP -> DateFunctionKernels.shiftZone(v[0],
                    (DataType.Timestamp) s.result(), call.text(0), this == FROM_UTC_TIMESTAMP, a);
            case CONVERT_TIME_ZONE -> DateFunctionKernels.sameInstant(v[0], (DataType.Timestamp) s.result(), a);
        };
    }
}
