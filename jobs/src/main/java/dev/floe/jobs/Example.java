package dev.floe.jobs;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.lit;

import dev.floe.Floe;
import dev.floe.api.DataFrame;

/**
 * The README's first example: filters and projects a small orders table on an embedded Flink
 * MiniCluster, prints the three plans and the first rows; then aggregates and sorts it.
 *
 * <pre>{@code java <jvm flags> -cp ... dev.floe.jobs.Example [path/to/orders.csv]}</pre>
 */
public final class Example {
    private Example() {
    }

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "examples/data/orders.csv";
        long start = System.nanoTime();
        try (Floe floe = Floe.local()) {
            DataFrame df = floe.readCsv(path)
                    .where(col("o_totalprice").gt(lit(1000)).and(col("o_orderstatus").eq(lit("F"))))
                    .withColumn("price_k", col("o_totalprice").div(lit(1000)))
                    .select(col("o_orderkey"), col("price_k"), col("o_orderdate"))
                    .limit(20);
            System.out.println(df.explain(true));
            df.show(20);
            System.out.println("matching rows in total: " + floe.readCsv(path)
                    .where(col("o_totalprice").gt(lit(1000)).and(col("o_orderstatus").eq(lit("F"))))
                    .countRows());

            // a shuffle: two-phase aggregation over a hash exchange, then a range-partitioned sort
            DataFrame byPriority = floe.readCsv(path)
                    .groupBy("o_orderpriority")
                    .agg(count().alias("orders"), col("o_totalprice").sum().alias("revenue"),
                            col("o_totalprice").mean().alias("avg_price"))
                    .sort(col("revenue").desc());
            System.out.println(byPriority.explain(true));
            byPriority.show();
        }
        System.out.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.exit(0);
    }
}
