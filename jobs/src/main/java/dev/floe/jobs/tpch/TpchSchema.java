package dev.floe.jobs.tpch;

import dev.floe.api.CsvOptions;
import dev.floe.api.types.DataType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The eight TPC-H tables with the column types of the specification: keys {@code int64}, money,
 * quantities, discounts and taxes {@code decimal(15, 2)}, the other integers {@code int32}, dates
 * {@code date}, text {@code string}. Files written by {@link TpchGenerator} are read with these
 * types as CSV schema hints.
 *
 * <pre>{@code DataFrame lineitem = floe.readCsv(TpchSchema.csvOptions("lineitem"), dir + "/lineitem");}</pre>
 */
public final class TpchSchema {
    /** Table names in the order the generator writes them. */
    public static final List<String> TABLES =
            List.of("region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem");

    private static final DataType KEY = DataType.int64();
    private static final DataType INT = DataType.int32();
    private static final DataType MONEY = DataType.decimal(15, 2);
    private static final DataType TEXT = DataType.string();
    private static final DataType DATE = DataType.date();

    private static final Map<String, Map<String, DataType>> COLUMNS = Map.of(
            "region", columns("r_regionkey", KEY, "r_name", TEXT, "r_comment", TEXT),
            "nation", columns("n_nationkey", KEY, "n_name", TEXT, "n_regionkey", KEY, "n_comment", TEXT),
            "supplier", columns("s_suppkey", KEY, "s_name", TEXT, "s_address", TEXT, "s_nationkey", KEY,
                    "s_phone", TEXT, "s_acctbal", MONEY, "s_comment", TEXT),
            "customer", columns("c_custkey", KEY, "c_name", TEXT, "c_address", TEXT, "c_nationkey", KEY,
                    "c_phone", TEXT, "c_acctbal", MONEY, "c_mktsegment", TEXT, "c_comment", TEXT),
            "part", columns("p_partkey", KEY, "p_name", TEXT, "p_mfgr", TEXT, "p_brand", TEXT, "p_type", TEXT,
                    "p_size", INT, "p_container", TEXT, "p_retailprice", MONEY, "p_comment", TEXT),
            "partsupp", columns("ps_partkey", KEY, "ps_suppkey", KEY, "ps_availqty", INT, "ps_supplycost", MONEY,
                    "ps_comment", TEXT),
            "orders", columns("o_orderkey", KEY, "o_custkey", KEY, "o_orderstatus", TEXT, "o_totalprice", MONEY,
                    "o_orderdate", DATE, "o_orderpriority", TEXT, "o_clerk", TEXT, "o_shippriority", INT,
                    "o_comment", TEXT),
            "lineitem", columns("l_orderkey", KEY, "l_partkey", KEY, "l_suppkey", KEY, "l_linenumber", INT,
                    "l_quantity", MONEY, "l_extendedprice", MONEY, "l_discount", MONEY, "l_tax", MONEY,
                    "l_returnflag", TEXT, "l_linestatus", TEXT, "l_shipdate", DATE, "l_commitdate", DATE,
                    "l_receiptdate", DATE, "l_shipinstruct", TEXT, "l_shipmode", TEXT, "l_comment", TEXT));

    private TpchSchema() {
    }

    /** The columns of one table, in file order, with their types. */
    public static Map<String, DataType> columns(String table) {
        Map<String, DataType> columns = COLUMNS.get(table);
        if (columns == null) {
            throw new IllegalArgumentException("Unknown TPC-H table '" + table + "'; the tables are " + TABLES);
        }
        return columns;
    }

    /** How the generator's files are read: '|'-delimited, a header row, every column typed by a hint. */
    public static CsvOptions csvOptions(String table) {
        return CsvOptions.builder().delimiter('|').header(true).schemaHints(columns(table)).build();
    }

    private static Map<String, DataType> columns(Object... namesAndTypes) {
        Map<String, DataType> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            out.put((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }
}
