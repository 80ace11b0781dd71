package dev.floe.jobs.tpcds;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 24 TPC-DS tables with the column types of the specification's DDL, read from the
 * {@code create table} statements shipped as resources ({@code dev/floe/jobs/tpcds/schema/*.sql},
 * the form DuckDB's repository keeps): {@code integer} is {@code int32} (every surrogate key
 * too), {@code decimal(p,s)} is {@code decimal(p, s)}, {@code date} is {@code date},
 * {@code char(n)}/{@code varchar(n)} are {@code string}. The 99 query texts are resources too
 * ({@link #query(int)}).
 *
 * <pre>{@code Schema storeSales = TpcdsSchema.schema("store_sales");}</pre>
 */
public final class TpcdsSchema {
    /** The tables in alphabetical order (the order of the specification's table list). */
    public static final List<String> TABLES = List.of(
            "call_center", "catalog_page", "catalog_returns", "catalog_sales", "customer", "customer_address",
            "customer_demographics", "date_dim", "household_demographics", "income_band", "inventory", "item",
            "promotion", "reason", "ship_mode", "store", "store_returns", "store_sales", "time_dim", "warehouse",
            "web_page", "web_returns", "web_sales", "web_site");

    /** Number of queries in the benchmark. */
    public static final int QUERIES = 99;

    private static final String RESOURCES = "/dev/floe/jobs/tpcds/";
    private static final Pattern COLUMN = Pattern.compile(
            "(\\w+)\\s+(integer|bigint|date|(?:var)?char\\s*\\(\\s*\\d+\\s*\\)|decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\))",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, Schema> SCHEMAS = load();

    private TpcdsSchema() {
    }

    /** The columns of one table, in the order of the DDL (and of the generator's rows). */
    public static Schema schema(String table) {
        Schema schema = SCHEMAS.get(table);
        if (schema == null) {
            throw new IllegalArgumentException("Unknown TPC-DS table '" + table + "'; the tables are " + TABLES);
        }
        return schema;
    }

    /** The text of query {@code n} (1 to 99) with the specification's qualification substitutions. */
    public static String query(int n) {
        if (n < 1 || n > QUERIES) {
            throw new IllegalArgumentException("TPC-DS has queries 1 to " + QUERIES + ", not " + n);
        }
        return resource(String.format(Locale.ROOT, "queries/%02d.sql", n));
    }

    private static Map<String, Schema> load() {
        Map<String, Schema> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            String ddl = resource("schema/" + table + ".sql");
            String body = ddl.substring(ddl.indexOf('(') + 1, ddl.lastIndexOf(')'));
            List<Field> fields = new ArrayList<>();
            Matcher m = COLUMN.matcher(body);
            while (m.find()) {
                fields.add(new Field(m.group(1), type(m.group(2).toLowerCase(Locale.ROOT), m.group(3), m.group(4))));
            }
            if (fields.isEmpty()) {
                throw new IllegalStateException("No columns found in the resource schema/" + table + ".sql");
            }
            out.put(table, new Schema(fields));
        }
        return Collections.unmodifiableMap(out);
    }

    private static DataType type(String sql, String precision, String scale) {
        if (sql.equals("integer")) {
            return DataType.int32();
        } else if (sql.equals("bigint")) {
            return DataType.int64();
        } else if (sql.equals("date")) {
            return DataType.date();
        } else if (sql.startsWith("decimal")) {
            return DataType.decimal(Integer.parseInt(precision), Integer.parseInt(scale));
        }
        return DataType.string();
    }

    private static String resource(String name) {
        try (InputStream in = TpcdsSchema.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + RESOURCES + name + " is missing from the jobs jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + RESOURCES + name, e);
        }
    }
}
