package dev.floe.api.expr;

import dev.floe.api.types.DataType;

/**
 * The window-only functions (aggregations over a window are {@link AggExpr}s): one constant each
 * with its printed name, whether it reads an input column, and whether a frame applies to it
 * (ranking and offset functions ignore the frame, as in SQL).
 */
public enum WindowOp {
    ROW_NUMBER("row_number", false, false),
    RANK("rank", false, false),
    DENSE_RANK("dense_rank", false, false),
    PERCENT_RANK("percent_rank", false, false),
    CUME_DIST("cume_dist", false, false),
    NTILE("ntile", false, false),
    LAG("lag", true, false),
    LEAD("lead", true, false),
    FIRST_VALUE("first_value", true, true),
    LAST_VALUE("last_value", true, true),
    NTH_VALUE("nth_value", true, true);

    private final String sqlName;
    private final boolean takesInput;
    private final boolean framed;

    WindowOp(String sqlName, boolean takesInput, boolean framed) {
        this.sqlName = sqlName;
        this.takesInput = takesInput;
        this.framed = framed;
    }

    public String sqlName() {
        return sqlName;
    }

    public boolean takesInput() {
        return takesInput;
    }

    /** True when the window's frame decides which rows the function sees. */
    public boolean framed() {
        return framed;
    }

    /** int64 for row numbers, ranks and ntile; float64 for percentRank and cumeDist; the input's type otherwise. */
    public DataType resultType(DataType input) {
        return switch (this) {
            case ROW_NUMBER, RANK, DENSE_RANK, NTILE -> DataType.int64();
            case PERCENT_RANK, CUME_DIST -> DataType.float64();
            default -> input;
        };
    }
}
