package dev.floe.jobs.tpch;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.lit;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.JoinType;
import dev.floe.api.optimizer.Optimizer;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.optimizer.RuleBatch;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.arrow.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times TPC-H Q19 written as its SQL text reads (join lineitem and part, then the three-branch OR
 * with the shipping predicates repeated in each branch) through the DataFrame API; not a test.
 * {@code java -cp ... dev.floe.jobs.tpch.NaturalQ19Timing /work/data/tpch-sf1 [parallelism] [runs] [before]}
 * prints the optimized plan, one warm-up and each run's seconds, and their median; {@code before}
 * optimizes without FactorCommonConjuncts and PushDisjunctionsThroughJoin (the plan main had before them).
 */
public final class NaturalQ19Timing {
    private NaturalQ19Timing() {
    }

    static Expression branch(String brand, List<String> containers, int quantity, int maxSize) {
        return col("p_brand").eq(lit(brand))
                .and(col("p_container").isIn(containers.toArray(String[]::new)))
                .and(col("l_quantity").ge(lit(quantity))).and(col("l_quantity").le(lit(quantity + 10)))
                .and(col("p_size").between(lit(1), lit(maxSize)))
                .and(col("l_shipmode").isIn("AIR", "AIR REG"))
                .and(col("l_shipinstruct").eq(lit("DELIVER IN PERSON")));
    }

    static DataFrame query(Floe floe, String dir) {
        return floe.readParquet(dir + "/lineitem")
                .join(floe.readParquet(dir + "/part"), List.of(col("l_partkey")), List.of(col("p_partkey")), JoinType.INNER)
                .where(branch("Brand#12", List.of("SM CASE", "SM BOX", "SM PACK", "SM PKG"), 1, 5)
                        .or(branch("Brand#23", List.of("MED BAG", "MED BOX", "MED PKG", "MED PACK"), 10, 10))
                        .or(branch("Brand#34", List.of("LG CASE", "LG BOX", "LG PACK", "LG PKG"), 20, 15)))
                .agg(col("l_extendedprice").mul(lit(1).sub(col("l_discount"))).sum().alias("revenue"));
    }

    public static void main(String[] args) {
        String dir = args[0];
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean before = args.length > 3 && args[3].equals("before");
        List<RuleBatch> batches = new ArrayList<>();
        for (RuleBatch b : Optimizer.standard().batches()) {
            List<OptimizerRule> rules = b.rules().stream().filter(r -> !before
                    || !(r.name().equals("FactorCommonConjuncts") || r.name().equals("PushDisjunctionsThroughJoin"))).toList();
            batches.add(new RuleBatch(b.name(), b.reason(), b.strategy(), rules));
        }
        Optimizer optimizer = new Optimizer(batches);
        try (Floe floe = Floe.local(parallelism)) {
            System.out.println(PlanPrinter.print(optimizer.optimize(query(floe, dir).plan())));
            double[] seconds = new double[runs];
            for (int i = -1; i < runs; i++) {
                long t0 = System.nanoTime();
                Object revenue;
                LogicalPlan plan = optimizer.optimize(query(floe, dir).plan());
                try (Table t = floe.executor().execute(plan, "toTable")) {
                    revenue = t.toRows().get(0).get(0);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (i >= 0) {
                    seconds[i] = s;
                }
                System.out.printf(Locale.ROOT, "%s %d: %.3f s, revenue %s%n", i < 0 ? "warmup" : "run", i, s, revenue);
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "median of %d runs: %.3f s%n", runs, sorted[runs / 2]);
        }
    }
}
