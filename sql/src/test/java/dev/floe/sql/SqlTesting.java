package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Executor;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.Table;
import java.util.List;
import java.util.Map;

/**
 * A SQL frontend over empty tables that cannot run (plans only): {@code orders}, {@code customer},
 * {@code nation}, {@code t(a, b, s)}, {@code u(a, c)}.
 */
final class SqlTesting {
    private SqlTesting() {
    }

    enum PlanOnly implements Executor {
        INSTANCE;

        @Override
        public Table execute(LogicalPlan optimizedPlan, String action) {
            throw new AssertionError("nothing should execute in a planning test");
        }

        @Override
        public String explainPhysical(LogicalPlan optimizedPlan) {
            throw new AssertionError("nothing should execute in a planning test");
        }

        @Override
        public int parallelism() {
            return 1;
        }
    }

    static DataFrame table(String name, Field... fields) {
        return DataFrame.of(PlanOnly.INSTANCE, Scan.of(new InMemorySource(name, Schema.of(fields), List.of())));
    }

    static final SqlSources SOURCES = new SqlSources() {
        @Override
        public DataFrame readParquet(String path) {
            return table(path, Field.of("x", DataType.int64()));
        }

        @Override
        public DataFrame readCsv(String path) {
            return table(path, Field.of("y", DataType.string()));
        }

        @Override
        public DataFrame readJson(String path) {
            return table(path, Field.of("z", DataType.float64()));
        }

        @Override
        public DataFrame fromColumns(Map<String, List<?>> columns) {
            try (Table t = Table.fromColumns(new java.util.LinkedHashMap<>(columns))) {
                return DataFrame.of(PlanOnly.INSTANCE, Scan.of(DataFrame.inMemory("values", t, 1)));
            }
        }
    };

    static SqlCatalog catalog() {
        SqlCatalog c = new SqlCatalog();
        c.register("orders", table("orders", Field.of("o_orderkey", DataType.int64()),
                Field.of("o_custkey", DataType.int64()), Field.of("o_totalprice", DataType.decimal(15, 2)),
                Field.of("o_orderdate", DataType.date()), Field.of("o_orderpriority", DataType.string())));
        c.register("customer", table("customer", Field.of("c_custkey", DataType.int64()),
                Field.of("c_name", DataType.string()), Field.of("c_nationkey", DataType.int64())));
        c.register("nation", table("nation", Field.of("n_nationkey", DataType.int64()),
                Field.of("n_name", DataType.string()), Field.of("n_regionkey", DataType.int64())));
        c.register("t", table("t", Field.of("a", DataType.int64()), Field.of("b", DataType.int64()),
                Field.of("s", DataType.string())));
        c.register("u", table("u", Field.of("a", DataType.int64()), Field.of("c", DataType.int64())));
        return c;
    }

    static SqlFrontend frontend() {
        return new SqlFrontend(catalog(), SOURCES);
    }

    static String plan(String sql) {
        return PlanPrinter.print(frontend().sql(sql).plan());
    }
}
