package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;

/**
 * Result types and implicit coercions (Daft/Spark rules):
 * <ul>
 *   <li>integers widen to the wider integer (int32 + int64 → int64; signed with unsigned → the
 *       signed type that holds both, int64 at most);</li>
 *   <li>integer with float → float64; float32 with float32 → float32;</li>
 *   <li>{@code div} of integers or decimals → float64;</li>
 *   <li>decimal + - * keep decimal with Spark's precision rules (cap 38, scale at least 6 when
 *       capped); decimal with an integer treats the integer as decimal(19, 0) (int64) or narrower;
 *       decimal with a float → float64;</li>
 *   <li>null (untyped) with anything → the other type;</li>
 *   <li>comparisons: numeric with numeric, date/timestamp with date/timestamp or a string
 *       (parsed), and otherwise equal kinds.</li>
 * </ul>
 */
public final class TypeRules {
    private TypeRules() {
    }

    static DataType binary(Binary e, DataType l, DataType r) {
        BinaryOp op = e.op();
        if (op.isLogical()) {
            requireBoolean(e, e.left(), l);
            requireBoolean(e, e.right(), r);
            return DataType.bool();
        }
        if (op.isComparison()) {
            comparable(e, l, r);
            return DataType.bool();
        }
        return arithmetic(e, op, l, r);
    }

    /** Result type of an arithmetic operator. */
    public static DataType arithmetic(Expr e, BinaryOp op, DataType l, DataType r) {
        DataType temporal = TemporalArithmetic.resultType(op, l, r);
        if (temporal != null) {
            return temporal;
        }
        if (l.kind() == Kind.NULL && r.kind() == Kind.NULL) {
            return DataType.nullType();
        }
        if (l.kind() == Kind.NULL) {
            l = r;
        }
        if (r.kind() == Kind.NULL) {
            r = l;
        }
        if (!l.isNumeric() || !r.isNumeric()) {
            throw new PlanException("Cannot apply '" + op.symbol() + "' to " + l + " and " + r + " in "
                    + e.display() + ": both operands must be numeric");
        }
        boolean decimal = l.kind() == Kind.DECIMAL || r.kind() == Kind.DECIMAL;
        boolean floating = l.isFloating() || r.isFloating();
        if (op == BinaryOp.DIV) {
            if (l.kind() == Kind.FLOAT32 && r.kind() == Kind.FLOAT32) {
                return DataType.float32();
            }
            return DataType.float64();
        }
        if (floating) {
            return numericSupertype(l, r);
        }
        if (decimal) {
            DataType.Decimal a = asDecimal(l);
            DataType.Decimal b = asDecimal(r);
            return switch (op) {
                case ADD, SUB -> {
                    int scale = Math.max(a.scale(), b.scale());
                    int precision = Math.max(a.precision() - a.scale(), b.precision() - b.scale()) + scale + 1;
                    yield capDecimal(precision, scale);
                }
                case MUL -> capDecimal(a.precision() + b.precision() + 1, a.scale() + b.scale());
                case MOD -> {
                    int scale = Math.max(a.scale(), b.scale());
                    int precision = Math.min(a.precision() - a.scale(), b.precision() - b.scale()) + scale;
                    yield capDecimal(Math.max(precision, 1), scale);
                }
                default -> throw new PlanException("'" + op.symbol() + "' is not supported on decimals in "
                        + e.display() + "; cast to float64 or an integer first");
            };
        }
        return numericSupertype(l, r);
    }

    /** Spark's rule: precision above 38 keeps the integer digits and shrinks the scale, but not below 6. */
    public static DataType.Decimal capDecimal(int precision, int scale) {
        if (precision <= DataType.Decimal.MAX_PRECISION) {
            return new DataType.Decimal(precision, scale);
        }
        int intDigits = precision - scale;
        int minScale = Math.min(scale, 6);
        int adjusted = Math.max(DataType.Decimal.MAX_PRECISION - intDigits, minScale);
        return new DataType.Decimal(DataType.Decimal.MAX_PRECISION, adjusted);
    }

    /**
     * A type that holds {@code round(x, digits)}, {@code floor(x)} and {@code ceil(x)} (digits 0) with the
     * carry, for SQL, whose rounding widens as DuckDB's does (the DataFrame API's keep the input type):
     * integers and floats keep their type, and so does a decimal(p, s) when nothing is rounded off
     * (digits &ge; s). Otherwise one more integer digit for the carry ({@code floor(-9.59) = -10},
     * {@code round(9.995, 2) = 10.00}), as in Spark: decimal(p - s + digits + 1, digits) for digits &ge; 0,
     * decimal(max(p - s + 1, 1 - digits), 0) for digits &lt; 0, at most 38 digits (a value that still
     * does not fit is an error naming the row).
     */
    public static DataType rounded(DataType t, int digits) {
        if (!(t instanceof DataType.Decimal d) || digits >= d.scale()) {
            return t;
        }
        int intDigits = d.precision() - d.scale() + 1;
        if (digits >= 0) {
            return new DataType.Decimal(Math.min(intDigits + digits, DataType.Decimal.MAX_PRECISION), digits);
        }
        return new DataType.Decimal(Math.min(Math.max(intDigits, 1 - digits), DataType.Decimal.MAX_PRECISION), 0);
    }

    /** The decimal that holds every value of an integer or decimal type exactly. */
    public static DataType.Decimal asDecimal(DataType t) {
        return switch (t.kind()) {
            case DECIMAL -> (DataType.Decimal) t;
            case INT8, UINT8 -> new DataType.Decimal(3, 0);
            case INT16, UINT16 -> new DataType.Decimal(5, 0);
            case INT32, UINT32 -> new DataType.Decimal(10, 0);
            case INT64 -> new DataType.Decimal(19, 0);
            case UINT64 -> new DataType.Decimal(20, 0);
            default -> throw new IllegalArgumentException("not an exact numeric type: " + t);
        };
    }

    /** The smallest type both numeric types convert to (used for arithmetic and comparisons). */
    public static DataType numericSupertype(DataType l, DataType r) {
        if (l.equals(r)) {
            return l;
        }
        if (l.isFloating() || r.isFloating()) {
            if (l.kind() == Kind.FLOAT32 && r.kind() == Kind.FLOAT32) {
                return DataType.float32();
            }
            return DataType.float64();
        }
        if (l.kind() == Kind.DECIMAL || r.kind() == Kind.DECIMAL) {
            DataType.Decimal a = asDecimal(l);
            DataType.Decimal b = asDecimal(r);
            int scale = Math.max(a.scale(), b.scale());
            int intDigits = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
            return capDecimal(intDigits + scale, scale);
        }
        boolean ls = l.isSignedInteger();
        boolean rs = r.isSignedInteger();
        int lw = l.bitWidth();
        int rw = r.bitWidth();
        if (ls == rs) {
            return lw >= rw ? l : r;
        }
        // signed with unsigned: the signed type wider than the unsigned one
        int unsignedWidth = ls ? rw : lw;
        int signedWidth = ls ? lw : rw;
        int width = Math.max(signedWidth, Math.min(64, unsignedWidth * 2));
        return switch (width) {
            case 8 -> DataType.int8();
            case 16 -> DataType.int16();
            case 32 -> DataType.int32();
            default -> DataType.int64();
        };
    }

    static DataType unary(Unary e, DataType t) {
        return switch (e.op()) {
            case NOT -> {
                requireBoolean(e, e.child(), t);
                yield DataType.bool();
            }
            case IS_NULL, NOT_NULL -> DataType.bool();
            case NEG, ABS, CEIL, FLOOR -> {
                // API.md: ceil and floor keep the input type; a decimal's carry that does not fit is a run-time error
                requireNumeric(e, t);
                yield t;
            }
            case SIGN -> {
                requireNumeric(e, t);
                yield t.isFloating() ? t : DataType.int32();
            }
            case SQRT, EXP, LOG -> {
                requireNumeric(e, t);
                yield DataType.float64();
            }
        };
    }

    /** The type both branches/arguments convert to (if_else, fill_null, coalesce). */
    public static DataType commonType(Expr e, DataType a, DataType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.kind() == Kind.NULL) {
            return b;
        }
        if (b.kind() == Kind.NULL) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return numericSupertype(a, b);
        }
        if (a.isTemporal() && b.isTemporal()) {
            return a.kind() == Kind.TIMESTAMP ? a : b;
        }
        throw new PlanException("Incompatible types " + a + " and " + b + " in " + e.display());
    }

    /** Fails unless values of the two types can be compared. */
    public static void comparable(Expr e, DataType l, DataType r) {
        if (l.kind() == Kind.NULL || r.kind() == Kind.NULL || l.equals(r)) {
            return;
        }
        if (l.isNumeric() && r.isNumeric()) {
            return;
        }
        if (l.isTemporal() && (r.isTemporal() || r.kind() == Kind.STRING)) {
            return;
        }
        if (r.isTemporal() && l.kind() == Kind.STRING) {
            return;
        }
        if (l.kind() == r.kind() && !l.isNested()) {
            return;
        }
        throw new PlanException("Cannot compare " + l + " with " + r + " in " + e.display()
                + ": cast one side so both have the same type");
    }

    public static void requireBoolean(Expr e, Expr operand, DataType t) {
        if (t.kind() != Kind.BOOL && t.kind() != Kind.NULL) {
            throw new PlanException("Expected a boolean but " + operand.display() + " is " + t + " in " + e.display());
        }
    }

    public static void requireNumeric(Expr e, DataType t) {
        if (!t.isNumeric() && t.kind() != Kind.NULL) {
            throw new PlanException("Expected a numeric argument in " + e.display() + " but got " + t);
        }
    }

    static void checkCast(Cast e, DataType from) {
        DataType to = e.to();
        if (from.equals(to) || from.kind() == Kind.NULL) {
            return;
        }
        boolean ok = switch (from.kind()) {
            case BOOL -> to.isNumeric() || to.kind() == Kind.STRING;
            case STRING -> !to.isNested() && to.kind() != Kind.INTERVAL;
            case DATE -> to.kind() == Kind.TIMESTAMP || to.kind() == Kind.STRING || to.isInteger();
            case TIMESTAMP -> to.kind() == Kind.TIMESTAMP || to.kind() == Kind.DATE || to.kind() == Kind.STRING
                    || to.isInteger();
            case BINARY -> to.kind() == Kind.STRING;
            case DURATION -> to.kind() == Kind.DURATION || to.isInteger() || to.kind() == Kind.STRING;
            case LIST, STRUCT, INTERVAL -> to.kind() == Kind.STRING;
            default -> from.isNumeric() && (to.isNumeric() || to.kind() == Kind.STRING || to.kind() == Kind.BOOL
                    || (from.isInteger() && (to.kind() == Kind.DATE || to.kind() == Kind.TIMESTAMP)));
        };
        if (!ok) {
            throw new PlanException("Cannot cast " + from + " to " + to + " in " + e.display());
        }
    }
}
