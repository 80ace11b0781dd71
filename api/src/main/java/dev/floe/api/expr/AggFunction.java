package dev.floe.api.expr;

/** The aggregation functions of the API; each maps to one accumulator kind in the kernels. */
public enum AggFunction {
    SUM("sum"), MEAN("mean"), MIN("min"), MAX("max"), COUNT("count"), COUNT_ALL("count"),
    COUNT_DISTINCT("count_distinct"), ANY_VALUE("any_value"), AGG_LIST("agg_list"), STDDEV("stddev"),
    VARIANCE("variance");

    private final String sqlName;

    AggFunction(String sqlName) {
        this.sqlName = sqlName;
    }

    public String sqlName() {
        return sqlName;
    }

    /** Partial results merge (two-phase aggregation); otherwise raw rows are shuffled and aggregated once. */
    public boolean decomposable() {
        return this != COUNT_DISTINCT && this != AGG_LIST;
    }
}
