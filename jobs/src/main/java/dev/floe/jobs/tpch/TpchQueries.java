package dev.floe.jobs.tpch;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.ifElse;
import static dev.floe.api.Functions.lit;

import dev.floe.Floe;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.JoinType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The 22 TPC-H queries written with Floe's public DataFrame API, one method each, with the
 * specification's default substitution parameters (TPC-H 3.0.1, clause 2.4). Date arithmetic on
 * the spec's constants ({@code date '1998-12-01' - interval '90' day}) is done with
 * {@link LocalDate} when the plan is built; no literal is computed from the data.
 *
 * <p>Floe has no subqueries, so the queries that have them are rewritten as a user would:
 * {@code EXISTS}/{@code IN} become SEMI joins, {@code NOT EXISTS}/{@code NOT IN} ANTI joins (the
 * keys involved are never null, so NOT IN and ANTI agree), scalar subqueries become one-row
 * aggregates that are cross-joined, and correlated aggregate subqueries become group-bys joined
 * on the correlation keys. Each method's Javadoc says which rewrite it uses. Arithmetic over
 * aggregates ({@code 0.2 * avg(l_quantity)}, {@code sum(a) / sum(b)}) is a {@code withColumn} or
 * {@code select} after the {@code agg}, since {@code agg} takes aggregations only.
 *
 * <pre>{@code
 * TpchQueries tpch = TpchQueries.parquet(floe, "data/tpch-sf1");   // or TpchQueries.csv(floe, dir)
 * tpch.query(1).show();
 * }</pre>
 */
public final class TpchQueries {
    /** Number of queries. */
    public static final int COUNT = 22;

    private final Function<String, DataFrame> tables;

    /** Queries over tables supplied by name ("lineitem", "orders", ...). */
    public TpchQueries(Function<String, DataFrame> tables) {
        this.tables = tables;
    }

    /** Queries over the CSV directories written by {@link TpchGenerator} below {@code dir}. */
    public static TpchQueries csv(Floe floe, String dir) {
        return new TpchQueries(table -> floe.readCsv(TpchSchema.csvOptions(table), dir + "/" + table));
    }

    /**
     * Queries over the Parquet directories written by {@code TpchGenerator --format parquet}
     * below {@code dir} (the files carry the {@link TpchSchema} types).
     */
    public static TpchQueries parquet(Floe floe, String dir) {
        return new TpchQueries(table -> floe.readParquet(dir + "/" + table));
    }

    /** Query {@code n} (1 to 22). */
    public DataFrame query(int n) {
        return switch (n) {
            case 1 -> q1();
            case 2 -> q2();
            case 3 -> q3();
            case 4 -> q4();
            case 5 -> q5();
            case 6 -> q6();
            case 7 -> q7();
            case 8 -> q8();
            case 9 -> q9();
            case 10 -> q10();
            case 11 -> q11();
            case 12 -> q12();
            case 13 -> q13();
            case 14 -> q14();
            case 15 -> q15();
            case 16 -> q16();
            case 17 -> q17();
            case 18 -> q18();
            case 19 -> q19();
            case 20 -> q20();
            case 21 -> q21();
            case 22 -> q22();
            default -> throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + n);
        };
    }

    /** Q1, pricing summary report. */
    public DataFrame q1() {
        return table("lineitem")
                .where(col("l_shipdate").le(lit(date("1998-12-01").minusDays(90))))
                .groupBy("l_returnflag", "l_linestatus")
                .agg(col("l_quantity").sum().alias("sum_qty"),
                        col("l_extendedprice").sum().alias("sum_base_price"),
                        discounted().sum().alias("sum_disc_price"),
                        discounted().mul(lit(1).add(col("l_tax"))).sum().alias("sum_charge"),
                        col("l_quantity").mean().alias("avg_qty"),
                        col("l_extendedprice").mean().alias("avg_price"),
                        col("l_discount").mean().alias("avg_disc"),
                        count().alias("count_order"))
                .sort(col("l_returnflag"), col("l_linestatus"));
    }

    /**
     * Q2, minimum cost supplier. The correlated subquery (the minimum supply cost of the part
     * among European suppliers) becomes a group-by on {@code ps_partkey} joined back on the part
     * key, keeping the rows whose cost equals that minimum.
     */
    public DataFrame q2() {
        DataFrame europeanOffers = table("partsupp")
                .join(table("supplier"), on("ps_suppkey"), on("s_suppkey"), JoinType.INNER)
                .join(table("nation"), on("s_nationkey"), on("n_nationkey"), JoinType.INNER)
                .join(table("region").where(col("r_name").eq(lit("EUROPE"))),
                        on("n_regionkey"), on("r_regionkey"), JoinType.INNER);
        DataFrame minCost = europeanOffers
                .groupBy("ps_partkey")
                .agg(col("ps_supplycost").min().alias("min_supplycost"))
                .withColumnRenamed("ps_partkey", "min_partkey");
        return table("part")
                .where(col("p_size").eq(lit(15)).and(col("p_type").str().like("%BRASS")))
                .join(europeanOffers, on("p_partkey"), on("ps_partkey"), JoinType.INNER)
                .join(minCost, on("p_partkey"), on("min_partkey"), JoinType.INNER)
                .where(col("ps_supplycost").eq(col("min_supplycost")))
                .select("s_acctbal", "s_name", "n_name", "p_partkey", "p_mfgr", "s_address", "s_phone", "s_comment")
                .sort(col("s_acctbal").desc(), col("n_name"), col("s_name"), col("p_partkey"))
                .limit(100);
    }

    /** Q3, shipping priority. */
    public DataFrame q3() {
        LocalDate day = date("1995-03-15");
        return table("customer").where(col("c_mktsegment").eq(lit("BUILDING")))
                .join(table("orders").where(col("o_orderdate").lt(lit(day))),
                        on("c_custkey"), on("o_custkey"), JoinType.INNER)
                .join(table("lineitem").where(col("l_shipdate").gt(lit(day))),
                        on("o_orderkey"), on("l_orderkey"), JoinType.INNER)
                .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
                .agg(discounted().sum().alias("revenue"))
                .select("l_orderkey", "revenue", "o_orderdate", "o_shippriority")
                .sort(col("revenue").desc(), col("o_orderdate"))
                .limit(10);
    }

    /** Q4, order priority checking. {@code EXISTS (late lineitem of the order)} is a SEMI join. */
    public DataFrame q4() {
        LocalDate from = date("1993-07-01");
        DataFrame lateLines = table("lineitem").where(col("l_commitdate").lt(col("l_receiptdate")));
        return table("orders")
                .where(col("o_orderdate").ge(lit(from)).and(col("o_orderdate").lt(lit(from.plusMonths(3)))))
                .join(lateLines, on("o_orderkey"), on("l_orderkey"), JoinType.SEMI)
                .groupBy("o_orderpriority")
                .agg(count().alias("order_count"))
                .sort(col("o_orderpriority"));
    }

    /** Q5, local supplier volume: customer and supplier of the same nation, a two-key join. */
    public DataFrame q5() {
        LocalDate from = date("1994-01-01");
        return table("customer")
                .join(table("orders").where(col("o_orderdate").ge(lit(from))
                                .and(col("o_orderdate").lt(lit(from.plusYears(1))))),
                        on("c_custkey"), on("o_custkey"), JoinType.INNER)
                .join(table("lineitem"), on("o_orderkey"), on("l_orderkey"), JoinType.INNER)
                .join(table("supplier"), on("l_suppkey", "c_nationkey"), on("s_suppkey", "s_nationkey"), JoinType.INNER)
                .join(table("nation"), on("s_nationkey"), on("n_nationkey"), JoinType.INNER)
                .join(table("region").where(col("r_name").eq(lit("ASIA"))),
                        on("n_regionkey"), on("r_regionkey"), JoinType.INNER)
                .groupBy("n_name")
                .agg(discounted().sum().alias("revenue"))
                .sort(col("revenue").desc());
    }

    /** Q6, forecasting revenue change. */
    public DataFrame q6() {
        LocalDate from = date("1994-01-01");
        return table("lineitem")
                .where(col("l_shipdate").ge(lit(from))
                        .and(col("l_shipdate").lt(lit(from.plusYears(1))))
                        .and(col("l_discount").between(dec("0.05"), dec("0.07")))
                        .and(col("l_quantity").lt(lit(24))))
                .agg(col("l_extendedprice").mul(col("l_discount")).sum().alias("revenue"));
    }

    /** Q7, volume shipping between FRANCE and GERMANY; the nation table is read twice under new names. */
    public DataFrame q7() {
        DataFrame suppNation = table("nation").select(col("n_nationkey").alias("sn_nationkey"), col("n_name").alias("supp_nation"));
        DataFrame custNation = table("nation").select(col("n_nationkey").alias("cn_nationkey"), col("n_name").alias("cust_nation"));
        return table("supplier")
                .join(table("lineitem").where(col("l_shipdate").between(lit(date("1995-01-01")), lit(date("1996-12-31")))),
                        on("s_suppkey"), on("l_suppkey"), JoinType.INNER)
                .join(table("orders"), on("l_orderkey"), on("o_orderkey"), JoinType.INNER)
                .join(table("customer"), on("o_custkey"), on("c_custkey"), JoinType.INNER)
                .join(suppNation, on("s_nationkey"), on("sn_nationkey"), JoinType.INNER)
                .join(custNation, on("c_nationkey"), on("cn_nationkey"), JoinType.INNER)
                .where(col("supp_nation").eq(lit("FRANCE")).and(col("cust_nation").eq(lit("GERMANY")))
                        .or(col("supp_nation").eq(lit("GERMANY")).and(col("cust_nation").eq(lit("FRANCE")))))
                .select(col("supp_nation"), col("cust_nation"), col("l_shipdate").dt().year().alias("l_year"),
                        discounted().alias("volume"))
                .groupBy("supp_nation", "cust_nation", "l_year")
                .agg(col("volume").sum().alias("revenue"))
                .sort(col("supp_nation"), col("cust_nation"), col("l_year"));
    }

    /**
     * Q8, national market share of BRAZIL in AMERICA. {@code sum(case ...) / sum(volume)} is two
     * sums and a division after the aggregation.
     */
    public DataFrame q8() {
        DataFrame custNation = table("nation").select(col("n_nationkey").alias("cn_nationkey"), col("n_regionkey").alias("cn_regionkey"));
        DataFrame suppNation = table("nation").select(col("n_nationkey").alias("sn_nationkey"), col("n_name").alias("nation"));
        return table("part").where(col("p_type").eq(lit("ECONOMY ANODIZED STEEL")))
                .join(table("lineitem"), on("p_partkey"), on("l_partkey"), JoinType.INNER)
                .join(table("supplier"), on("l_suppkey"), on("s_suppkey"), JoinType.INNER)
                .join(table("orders").where(col("o_orderdate").between(lit(date("1995-01-01")), lit(date("1996-12-31")))),
                        on("l_orderkey"), on("o_orderkey"), JoinType.INNER)
                .join(table("customer"), on("o_custkey"), on("c_custkey"), JoinType.INNER)
                .join(custNation, on("c_nationkey"), on("cn_nationkey"), JoinType.INNER)
                .join(table("region").where(col("r_name").eq(lit("AMERICA"))),
                        on("cn_regionkey"), on("r_regionkey"), JoinType.INNER)
                .join(suppNation, on("s_nationkey"), on("sn_nationkey"), JoinType.INNER)
                .select(col("o_orderdate").dt().year().alias("o_year"), discounted().alias("volume"), col("nation"))
                .groupBy("o_year")
                .agg(ifElse(col("nation").eq(lit("BRAZIL")), col("volume"), lit(0)).sum().alias("brazil_volume"),
                        col("volume").sum().alias("total_volume"))
                .select(col("o_year"), col("brazil_volume").div(col("total_volume")).alias("mkt_share"))
                .sort(col("o_year"));
    }

    /** Q9, product type profit measure; partsupp joins lineitem on two keys. */
    public DataFrame q9() {
        return table("part").where(col("p_name").str().like("%green%"))
                .join(table("lineitem"), on("p_partkey"), on("l_partkey"), JoinType.INNER)
                .join(table("supplier"), on("l_suppkey"), on("s_suppkey"), JoinType.INNER)
                .join(table("partsupp"), on("l_suppkey", "l_partkey"), on("ps_suppkey", "ps_partkey"), JoinType.INNER)
                .join(table("orders"), on("l_orderkey"), on("o_orderkey"), JoinType.INNER)
                .join(table("nation"), on("s_nationkey"), on("n_nationkey"), JoinType.INNER)
                .select(col("n_name").alias("nation"), col("o_orderdate").dt().year().alias("o_year"),
                        discounted().sub(col("ps_supplycost").mul(col("l_quantity"))).alias("amount"))
                .groupBy("nation", "o_year")
                .agg(col("amount").sum().alias("sum_profit"))
                .sort(col("nation"), col("o_year").desc());
    }

    /** Q10, returned item reporting. */
    public DataFrame q10() {
        LocalDate from = date("1993-10-01");
        return table("customer")
                .join(table("orders").where(col("o_orderdate").ge(lit(from)).and(col("o_orderdate").lt(lit(from.plusMonths(3))))),
                        on("c_custkey"), on("o_custkey"), JoinType.INNER)
                .join(table("lineitem").where(col("l_returnflag").eq(lit("R"))),
                        on("o_orderkey"), on("l_orderkey"), JoinType.INNER)
                .join(table("nation"), on("c_nationkey"), on("n_nationkey"), JoinType.INNER)
                .groupBy("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment")
                .agg(discounted().sum().alias("revenue"))
                .select("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment")
                .sort(col("revenue").desc())
                .limit(20);
    }

    /**
     * Q11, important stock identification. The scalar subquery (the total value of German stock
     * times FRACTION) is a one-row aggregate cross-joined with the per-part values. FRACTION is
     * the spec's default 0.0001 at every scale factor (the spec scales it as 0.0001 / SF).
     */
    public DataFrame q11() {
        DataFrame germanStock = table("partsupp")
                .join(table("supplier"), on("ps_suppkey"), on("s_suppkey"), JoinType.INNER)
                .join(table("nation").where(col("n_name").eq(lit("GERMANY"))),
                        on("s_nationkey"), on("n_nationkey"), JoinType.INNER)
                .withColumn("stock_value", col("ps_supplycost").mul(col("ps_availqty")));
        DataFrame threshold = germanStock
                .agg(col("stock_value").sum().alias("total_value"))
                .select(col("total_value").mul(dec("0.0001")).alias("threshold"));
        return germanStock
                .groupBy("ps_partkey")
                .agg(col("stock_value").sum().alias("value"))
                .crossJoin(threshold)
                .where(col("value").gt(col("threshold")))
                .select("ps_partkey", "value")
                .sort(col("value").desc());
    }

    /** Q12, shipping modes and order priority; the two {@code sum(case ...)} columns count with 1/0. */
    public DataFrame q12() {
        LocalDate from = date("1994-01-01");
        Expression urgent = col("o_orderpriority").isIn("1-URGENT", "2-HIGH");
        return table("orders")
                .join(table("lineitem")
                                .where(col("l_shipmode").isIn("MAIL", "SHIP")
                                        .and(col("l_commitdate").lt(col("l_receiptdate")))
                                        .and(col("l_shipdate").lt(col("l_commitdate")))
                                        .and(col("l_receiptdate").ge(lit(from)))
                                        .and(col("l_receiptdate").lt(lit(from.plusYears(1))))),
                        on("o_orderkey"), on("l_orderkey"), JoinType.INNER)
                .groupBy("l_shipmode")
                .agg(ifElse(urgent, lit(1), lit(0)).sum().alias("high_line_count"),
                        ifElse(urgent, lit(0), lit(1)).sum().alias("low_line_count"))
                .sort(col("l_shipmode"));
    }

    /**
     * Q13, customer distribution. The LEFT JOIN's extra condition on {@code o_comment} filters
     * the orders before the join; {@code count(o_orderkey)} skips the nulls of customers
     * without orders.
     */
    public DataFrame q13() {
        return table("customer")
                .join(table("orders").where(col("o_comment").str().like("%special%requests%").not()),
                        on("c_custkey"), on("o_custkey"), JoinType.LEFT)
                .groupBy("c_custkey")
                .agg(col("o_orderkey").count().alias("c_count"))
                .groupBy("c_count")
                .agg(count().alias("custdist"))
                .sort(col("custdist").desc(), col("c_count").desc());
    }

    /** Q14, promotion effect; two sums, then {@code 100.00 * promo / total}. */
    public DataFrame q14() {
        LocalDate from = date("1995-09-01");
        return table("lineitem")
                .where(col("l_shipdate").ge(lit(from)).and(col("l_shipdate").lt(lit(from.plusMonths(1)))))
                .join(table("part"), on("l_partkey"), on("p_partkey"), JoinType.INNER)
                .agg(ifElse(col("p_type").str().like("PROMO%"), discounted(), lit(0)).sum().alias("promo"),
                        discounted().sum().alias("total"))
                .select(dec("100.00").mul(col("promo")).div(col("total")).alias("promo_revenue"));
    }

    /**
     * Q15, top supplier. The view {@code revenue0} is a DataFrame used twice; the scalar
     * subquery {@code max(total_revenue)} is a one-row aggregate cross-joined and compared.
     */
    public DataFrame q15() {
        LocalDate from = date("1996-01-01");
        DataFrame revenue = table("lineitem")
                .where(col("l_shipdate").ge(lit(from)).and(col("l_shipdate").lt(lit(from.plusMonths(3)))))
                .groupBy(col("l_suppkey").alias("supplier_no"))
                .agg(discounted().sum().alias("total_revenue"));
        DataFrame best = revenue.agg(col("total_revenue").max().alias("max_revenue"));
        return table("supplier")
                .join(revenue, on("s_suppkey"), on("supplier_no"), JoinType.INNER)
                .crossJoin(best)
                .where(col("total_revenue").eq(col("max_revenue")))
                .select("s_suppkey", "s_name", "s_address", "s_phone", "total_revenue")
                .sort(col("s_suppkey"));
    }

    /** Q16, parts/supplier relationship; {@code NOT IN (suppliers with complaints)} is an ANTI join. */
    public DataFrame q16() {
        DataFrame complaints = table("supplier").where(col("s_comment").str().like("%Customer%Complaints%"));
        return table("partsupp")
                .join(table("part").where(col("p_brand").neq(lit("Brand#45"))
                                .and(col("p_type").str().like("MEDIUM POLISHED%").not())
                                .and(col("p_size").isIn(49, 14, 23, 45, 19, 3, 36, 9))),
                        on("ps_partkey"), on("p_partkey"), JoinType.INNER)
                .join(complaints, on("ps_suppkey"), on("s_suppkey"), JoinType.ANTI)
                .groupBy("p_brand", "p_type", "p_size")
                .agg(col("ps_suppkey").countDistinct().alias("supplier_cnt"))
                .sort(col("supplier_cnt").desc(), col("p_brand"), col("p_type"), col("p_size"));
    }

    /**
     * Q17, small-quantity-order revenue. The correlated {@code 0.2 * avg(l_quantity)} per part
     * becomes a group-by on {@code l_partkey} (over the selected parts' lineitems) joined back.
     */
    public DataFrame q17() {
        DataFrame selected = table("lineitem")
                .join(table("part").where(col("p_brand").eq(lit("Brand#23")).and(col("p_container").eq(lit("MED BOX")))),
                        on("l_partkey"), on("p_partkey"), JoinType.INNER);
        DataFrame smallQuantity = selected
                .groupBy(col("l_partkey").alias("avg_partkey"))
                .agg(col("l_quantity").mean().alias("avg_quantity"))
                .withColumn("small_quantity", lit(0.2).mul(col("avg_quantity")));
        return selected
                .join(smallQuantity, on("l_partkey"), on("avg_partkey"), JoinType.INNER)
                .where(col("l_quantity").lt(col("small_quantity")))
                .agg(col("l_extendedprice").sum().alias("total_price"))
                .select(col("total_price").div(dec("7.0")).alias("avg_yearly"));
    }

    /**
     * Q18, large volume customer. {@code o_orderkey IN (orders with sum(l_quantity) > 300)} is a
     * group-by with a filter (HAVING) and a SEMI join.
     */
    public DataFrame q18() {
        DataFrame largeOrders = table("lineitem")
                .groupBy(col("l_orderkey").alias("large_orderkey"))
                .agg(col("l_quantity").sum().alias("order_quantity"))
                .where(col("order_quantity").gt(lit(300)));
        return table("customer")
                .join(table("orders").join(largeOrders, on("o_orderkey"), on("large_orderkey"), JoinType.SEMI),
                        on("c_custkey"), on("o_custkey"), JoinType.INNER)
                .join(table("lineitem"), on("o_orderkey"), on("l_orderkey"), JoinType.INNER)
                .groupBy("c_name", "c_custkey", "o_orderkey", "o_orderdate", "o_totalprice")
                .agg(col("l_quantity").sum().alias("sum_qty"))
                .sort(col("o_totalprice").desc(), col("o_orderdate"))
                .limit(100);
    }

    /** Q19, discounted revenue: three OR-ed brand/container/quantity/size groups. */
    public DataFrame q19() {
        Expression brand12 = col("p_brand").eq(lit("Brand#12"))
                .and(col("p_container").isIn("SM CASE", "SM BOX", "SM PACK", "SM PKG"))
                .and(col("l_quantity").between(lit(1), lit(1 + 10)))
                .and(col("p_size").between(lit(1), lit(5)));
        Expression brand23 = col("p_brand").eq(lit("Brand#23"))
                .and(col("p_container").isIn("MED BAG", "MED BOX", "MED PKG", "MED PACK"))
                .and(col("l_quantity").between(lit(10), lit(10 + 10)))
                .and(col("p_size").between(lit(1), lit(10)));
        Expression brand34 = col("p_brand").eq(lit("Brand#34"))
                .and(col("p_container").isIn("LG CASE", "LG BOX", "LG PACK", "LG PKG"))
                .and(col("l_quantity").between(lit(20), lit(20 + 10)))
                .and(col("p_size").between(lit(1), lit(15)));
        return table("lineitem")
                .where(col("l_shipmode").isIn("AIR", "AIR REG").and(col("l_shipinstruct").eq(lit("DELIVER IN PERSON"))))
                .join(table("part"), on("l_partkey"), on("p_partkey"), JoinType.INNER)
                .where(brand12.or(brand23).or(brand34))
                .agg(discounted().sum().alias("revenue"));
    }

    /**
     * Q20, potential part promotion. The nested {@code IN} subqueries are SEMI joins; the
     * correlated {@code 0.5 * sum(l_quantity)} per (part, supplier) is a group-by joined on both
     * keys (a partsupp row without lineitems compares with null and drops out, as in SQL).
     */
    public DataFrame q20() {
        LocalDate from = date("1994-01-01");
        DataFrame forestParts = table("part").where(col("p_name").str().startsWith("forest"));
        DataFrame shipped = table("lineitem")
                .where(col("l_shipdate").ge(lit(from)).and(col("l_shipdate").lt(lit(from.plusYears(1)))))
                .groupBy("l_partkey", "l_suppkey")
                .agg(col("l_quantity").sum().alias("quantity"))
                .withColumn("half_quantity", dec("0.5").mul(col("quantity")));
        DataFrame excessSuppliers = table("partsupp")
                .join(forestParts, on("ps_partkey"), on("p_partkey"), JoinType.SEMI)
                .join(shipped, on("ps_partkey", "ps_suppkey"), on("l_partkey", "l_suppkey"), JoinType.INNER)
                .where(col("ps_availqty").gt(col("half_quantity")));
        return table("supplier")
                .join(excessSuppliers, on("s_suppkey"), on("ps_suppkey"), JoinType.SEMI)
                .join(table("nation").where(col("n_name").eq(lit("CANADA"))),
                        on("s_nationkey"), on("n_nationkey"), JoinType.INNER)
                .select("s_name", "s_address")
                .sort(col("s_name"));
    }

    /**
     * Q21, suppliers who kept orders waiting. {@code EXISTS (another supplier in the order)} and
     * {@code NOT EXISTS (another late supplier in the order)} become two per-order counts of
     * distinct suppliers, over all lineitems and over late ones: the late lineitem {@code l1}
     * qualifies when its order has more than one supplier and exactly one late supplier (its own).
     */
    public DataFrame q21() {
        DataFrame late = table("lineitem").where(col("l_receiptdate").gt(col("l_commitdate")));
        DataFrame suppliersPerOrder = table("lineitem")
                .groupBy(col("l_orderkey").alias("all_orderkey"))
                .agg(col("l_suppkey").countDistinct().alias("suppliers"));
        DataFrame lateSuppliersPerOrder = late
                .groupBy(col("l_orderkey").alias("late_orderkey"))
                .agg(col("l_suppkey").countDistinct().alias("late_suppliers"));
        return table("supplier")
                .join(table("nation").where(col("n_name").eq(lit("SAUDI ARABIA"))),
                        on("s_nationkey"), on("n_nationkey"), JoinType.INNER)
                .join(late, on("s_suppkey"), on("l_suppkey"), JoinType.INNER)
                .join(table("orders").where(col("o_orderstatus").eq(lit("F"))),
                        on("l_orderkey"), on("o_orderkey"), JoinType.INNER)
                .join(suppliersPerOrder.where(col("suppliers").gt(lit(1))),
                        on("l_orderkey"), on("all_orderkey"), JoinType.SEMI)
                .join(lateSuppliersPerOrder.where(col("late_suppliers").eq(lit(1))),
                        on("l_orderkey"), on("late_orderkey"), JoinType.SEMI)
                .groupBy("s_name")
                .agg(count().alias("numwait"))
                .sort(col("numwait").desc(), col("s_name"))
                .limit(100);
    }

    /**
     * Q22, global sales opportunity. The scalar subquery (average positive balance in the seven
     * country codes) is a one-row aggregate cross-joined; {@code NOT EXISTS (orders)} is an ANTI
     * join. SQL's {@code substr(c_phone, 1, 2)} is Floe's 0-based {@code substr(0, 2)}.
     */
    public DataFrame q22() {
        Object[] codes = {"13", "31", "23", "29", "30", "18", "17"};
        DataFrame candidates = table("customer")
                .withColumn("cntrycode", col("c_phone").str().substr(0, 2))
                .where(col("cntrycode").isIn(codes));
        DataFrame averageBalance = candidates
                .where(col("c_acctbal").gt(dec("0.00")))
                .agg(col("c_acctbal").mean().alias("avg_acctbal"));
        return candidates
                .crossJoin(averageBalance)
                .where(col("c_acctbal").gt(col("avg_acctbal")))
                .join(table("orders"), on("c_custkey"), on("o_custkey"), JoinType.ANTI)
                .groupBy("cntrycode")
                .agg(count().alias("numcust"), col("c_acctbal").sum().alias("totacctbal"))
                .sort(col("cntrycode"));
    }

    private DataFrame table(String name) {
        return tables.apply(name);
    }

    /**
     * Query {@code n} from its standard SQL text ({@link #sqlStatements}) through {@code floe.sql}
     * over this object's tables, which are registered in {@code floe}'s catalog under their TPC-H
     * names; the statements before the last (Q15's {@code CREATE OR REPLACE VIEW revenue}) run first.
     */
    public DataFrame sql(Floe floe, int n) {
        for (String name : TpchSchema.TABLES) {
            floe.register(name, table(name));
        }
        List<String> statements = sqlStatements(n);
        for (int i = 0; i < statements.size() - 1; i++) {
            floe.sql(statements.get(i));
        }
        return floe.sql(statements.get(statements.size() - 1));
    }

    /**
     * The statements of query {@code n}'s standard SQL text as shipped in {@code io.trino.tpch}
     * ({@code io/trino/tpch/queries/qN.sql}: the specification's texts with the qualification
     * substitution parameters the official answers were made with), comment lines dropped, split
     * at semicolons; the last one returns the result. The benchmark's peers run the same texts.
     */
    public static List<String> sqlStatements(int n) {
        if (n < 1 || n > COUNT) {
            throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + n);
        }
        String text;
        try (java.io.InputStream in = TpchQueries.class.getResourceAsStream("/io/trino/tpch/queries/q" + n + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("No SQL text for TPC-H Q" + n
                        + " on the class path (io/trino/tpch/queries/q" + n + ".sql of io.trino.tpch:tpch)");
            }
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the SQL text of TPC-H Q" + n, e);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : sql.toString().split(";")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** {@code l_extendedprice * (1 - l_discount)}, the revenue of a lineitem. */
    private static Expression discounted() {
        return col("l_extendedprice").mul(lit(1).sub(col("l_discount")));
    }

    private static List<Expression> on(String... columns) {
        List<Expression> keys = new ArrayList<>(columns.length);
        for (String c : columns) {
            keys.add(col(c));
        }
        return keys;
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    private static Expression dec(String value) {
        return lit(new BigDecimal(value));
    }
}
