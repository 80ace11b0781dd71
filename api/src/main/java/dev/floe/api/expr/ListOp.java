package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;

/** The functions of {@link ListFunction}: their printed names, parameters and result types. */
public enum ListOp {
    LENGTH("list_length", 0), GET("list_get", 1), JOIN("list_join", 1), SUM("list_sum", 0), MIN("list_min", 0),
    MAX("list_max", 0);

    private final String fn;
    private final int params;

    ListOp(String fn, int params) {
        this.fn = fn;
        this.params = params;
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
                    case LIST, STRUCT, INTERVAL, NULL -> throw new PlanException("list()." + name().toLowerCase()
                            + " needs elements with an order but they are " + element + " in " + what);
                    default -> {
                        yield element;
                    }
                }
            }
        };
    }
}
