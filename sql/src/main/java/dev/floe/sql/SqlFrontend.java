package dev.floe.sql;

import dev.floe.api.DataFrame;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.show.ShowTablesStatement;

/**
 * Floe's SQL: parses a statement with JSqlParser and binds it into a DataFrame over the tables of
 * a {@link SqlCatalog}, so SQL and DataFrames share one optimizer and runtime. {@code Floe.sql}
 * delegates here.
 *
 * <pre>{@code
 * SqlFrontend sql = new SqlFrontend(catalog, sources);
 * DataFrame top = sql.sql("SELECT o_orderpriority, count(*) AS n FROM orders GROUP BY 1 ORDER BY n DESC");
 * }</pre>
 *
 * Statements: a query ({@code SELECT}, {@code WITH}, set operations); {@code CREATE [OR REPLACE]
 * [TEMP] VIEW name [(columns)] AS query} registers the view in the catalog and returns the view's
 * DataFrame (nothing runs); {@code DROP VIEW [IF EXISTS] name} unregisters it and returns
 * {@code SHOW TABLES}; {@code DESCRIBE name} and {@code DESCRIBE query} return one row per column
 * ({@code column_name}, {@code column_type}); {@code SHOW TABLES} returns the names (column
 * {@code name}).
 */
public final class SqlFrontend {
    private static final Pattern DESCRIBE_QUERY = Pattern.compile("(?is)^\\s*(DESCRIBE|DESC)\\s+((SELECT|WITH|\\().*)$");

    private final SqlCatalog catalog;
    private final SqlSources sources;

    public SqlFrontend(SqlCatalog catalog, SqlSources sources) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /** The statement's result; see the class comment for the statements. */
    public DataFrame sql(String sql) {
        return sql(sql, Map.of());
    }

    /** With tables visible to this statement only, by name (they hide catalog tables of the same name). */
    public DataFrame sql(String sql, Map<String, DataFrame> tables) {
        Objects.requireNonNull(sql, "sql");
        QueryBinder queries = new QueryBinder(new QueryContext(catalog, Map.copyOf(tables), sources));
        Matcher describe = DESCRIBE_QUERY.matcher(sql);
        if (describe.matches()) {
            Statement query = SqlParser.statement(sql.substring(describe.start(2)));
            if (!(query instanceof Select select)) {
                throw SqlErrors.unsupported("DESCRIBE of " + query, Position.UNKNOWN);
            }
            return Statements.describe(queries.bind(select, null), sources);
        }
        Statement statement = SqlParser.statement(sql);
        if (statement instanceof Select select) {
            return queries.bind(select, null);
        }
        if (statement instanceof CreateView create) {
            return Statements.createView(create, queries);
        }
        if (statement instanceof Drop drop) {
            return Statements.drop(drop, queries, sources);
        }
        if (statement instanceof DescribeStatement d) {
            return Statements.describe(d, queries, sources);
        }
        if (statement instanceof ShowTablesStatement) {
            return Statements.showTables(catalog, sources);
        }
        throw SqlErrors.unsupported("the statement " + statement.getClass().getSimpleName() + " (Floe runs queries,"
                + " CREATE VIEW, DROP VIEW, DESCRIBE and SHOW TABLES)", Position.UNKNOWN);
    }
}
