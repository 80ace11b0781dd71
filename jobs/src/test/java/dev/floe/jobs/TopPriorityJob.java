package dev.floe.jobs;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;

import dev.floe.Floe;
import dev.floe.arrow.Table;

/** A user job for {@code floe-jobs.jar run --class}: counts the urgent orders of the CSV files in args[0]. */
public final class TopPriorityJob implements FloeJob {
    @Override
    public void run(Floe floe, String[] args) {
        try (Table t = floe.readCsv(args[0]).where(col("o_orderpriority").eq(lit("1-URGENT"))).groupBy("o_orderstatus")
                .count().sort("o_orderstatus").toTable()) {
            for (var row : t.toRows()) {
                System.out.println("urgent " + row.get(0) + " " + row.get(1));
            }
        }
    }
}
