package dev.floe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.CsvOptions;
import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.GroupedDataFrame;
import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.ListExpressions;
import dev.floe.api.ParquetWriteOptions;
import dev.floe.api.SerializableFunction;
import dev.floe.api.StringExpressions;
import dev.floe.api.StructExpressions;
import dev.floe.api.TemporalExpressions;
import dev.floe.api.Window;
import dev.floe.api.WriteMode;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Series;
import dev.floe.arrow.Table;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;

/**
 * Every method {@code ../shared/API.md} names exists with a signature a caller written against
 * API.md compiles with. Classes API.md names that do not exist yet are looked up by name.
 *
 * <p>{@link #PENDING} lists what the open issues still have to add; the test fails both when a
 * listed method is missing and when a pending one has appeared (so the list stays true).
 */
class ApiConformanceTest {

    /** Second-wave methods no open issue has delivered yet, as printed by {@link Sig#toString()}. */
    private static final Set<String> PENDING = Set.of(
            // Iceberg tables: no open issue yet.
            "dev.floe.Floe#readIceberg(String)",
            "dev.floe.Floe#readIceberg(String, long)",
            "dev.floe.Floe#readIcebergAsOf(String, Instant)",
            "dev.floe.Floe#createIceberg(String, dev.floe.api.types.Schema, String[])",
            "dev.floe.api.DataFrame#writeIceberg(String, WriteMode)");

    private record Sig(String owner, String name, boolean isStatic, List<Object> params) {
        @Override
        public String toString() {
            List<String> names = new ArrayList<>();
            for (Object p : params) {
                names.add(p instanceof Class<?> c ? simple(c) : p.toString());
            }
            return owner + "#" + name + "(" + String.join(", ", names) + ")";
        }

        private static String simple(Class<?> c) {
            return c.getName().startsWith("dev.floe.api.types") ? c.getName() : c.getSimpleName();
        }
    }

    private final List<Sig> sigs = new ArrayList<>();

    private void m(Object owner, String name, Object... params) {
        sigs.add(new Sig(ownerName(owner), name, false, List.of(params)));
    }

    private void s(Object owner, String name, Object... params) {
        sigs.add(new Sig(ownerName(owner), name, true, List.of(params)));
    }

    private static String ownerName(Object owner) {
        return owner instanceof Class<?> c ? c.getName() : owner.toString();
    }

    private void firstWave() {
        Class<?> floe = Floe.class;
        s(floe, "local");
        s(floe, "local", int.class);
        s(floe, "builder");
        s(floe, "remote", String.class, int.class, String[].class);
        s(floe, "fromEnvironment");
        m(floe, "readParquet", String[].class);
        m(floe, "readCsv", String[].class);
        m(floe, "readCsv", CsvOptions.class, String[].class);
        m(floe, "readJson", String[].class);
        m(floe, "fromColumns", Map.class);
        m(floe, "fromArrow", VectorSchemaRoot.class);
        m(floe, "close");
        m(Floe.Builder.class, "parallelism", int.class);
        m(Floe.Builder.class, "webUi", int.class);
        m(Floe.Builder.class, "config", String.class, String.class);
        m(Floe.Builder.class, "build");

        Class<?> df = DataFrame.class;
        Class<?> e = Expression.class;
        Class<?> es = Expression[].class;
        Class<?> ss = String[].class;
        m(df, "select", es);
        m(df, "select", ss);
        m(df, "withColumn", String.class, e);
        m(df, "withColumns", Map.class);
        m(df, "withColumnRenamed", String.class, String.class);
        m(df, "exclude", ss);
        m(df, "where", e);
        m(df, "filter", e);
        m(df, "limit", long.class);
        m(df, "sort", es);
        m(df, "sort", List.class, List.class);
        m(df, "distinct");
        m(df, "groupBy", es);
        m(df, "groupBy", ss);
        m(df, "agg", es);
        m(df, "join", df, ss);
        m(df, "join", df, List.class, List.class, JoinType.class);
        m(df, "join", df, List.class, List.class, JoinType.class, JoinStrategy.class);
        m(df, "crossJoin", df);
        m(df, "concat", df);
        m(df, "explode", es);
        m(df, "repartition", int.class, es);
        m(df, "intoPartitions", int.class);
        m(df, "sample", double.class, boolean.class, long.class);
        m(df, "collect");
        m(df, "toTable");
        m(df, "countRows");
        m(df, "show");
        m(df, "show", int.class);
        m(df, "explain");
        m(df, "explain", boolean.class);
        m(df, "schema");
        m(df, "columnNames");
        m(df, "writeParquet", String.class, ss);
        m(df, "writeCsv", String.class, ss);
        m(df, "writeJson", String.class);
        m(df, "writeParquet", String.class, WriteMode.class, ss);
        m(df, "writeCsv", String.class, WriteMode.class, ss);
        m(df, "writeJson", String.class, WriteMode.class, ss);
        m(df, "writeParquet", String.class, WriteMode.class, ParquetWriteOptions.class, ss);
        m(df, "writeCsv", String.class, WriteMode.class, CsvOptions.class, ss);
        m(df, "toArrowReader");
        m(df, "iterBatches");

        Class<?> g = GroupedDataFrame.class;
        m(g, "agg", es);
        m(g, "count");
        for (String a : List.of("sum", "mean", "min", "max")) {
            m(g, a, ss);
        }

        Class<?> t = Table.class;
        for (String a : List.of("numRows", "schema", "columnNames", "toRows", "toMaps", "toArrow", "toString", "close")) {
            m(t, a);
        }
        m(t, "column", String.class);
        m(t, "get", int.class, String.class);

        Class<?> f = Functions.class;
        s(f, "col", String.class);
        s(f, "lit", Object.class);
        s(f, "when", e);
        s(f, "ifElse", e, e, e);
        s(f, "count");
        s(f, "coalesce", es);
        s(f, "concatStr", es);
        s(f, "udf", String.class, DataType.class, SerializableFunction.class, es);
        s(f, "udfRow", String.class, DataType.class, SerializableFunction.class, es);

        for (String a : List.of("add", "sub", "mul", "div", "mod", "floorDiv", "eq", "neq", "lt", "le", "gt", "ge",
                "eqNullSafe", "and", "or")) {
            m(e, a, e);
            m(e, a, Object.class);
        }
        m(e, "between", Object.class, Object.class);
        m(e, "isIn", Object[].class);
        m(e, "fillNull", Object.class);
        m(e, "alias", String.class);
        m(e, "cast", DataType.class);
        m(e, "tryCast", DataType.class);
        m(e, "round", int.class);
        for (String a : List.of("neg", "not", "isNull", "notNull", "abs", "ceil", "floor", "sqrt", "exp", "log", "sign",
                "sum", "mean", "min", "max", "count", "countDistinct", "anyValue", "aggList", "stddev", "variance",
                "asc", "desc", "nullsFirst", "nullsLast", "str", "dt", "list", "struct", "hash")) {
            m(e, a);
        }
        m(e, "stddev", int.class);
        m(e, "variance", int.class);

        Class<?> str = StringExpressions.class;
        for (String a : List.of("contains", "startsWith", "endsWith", "like", "match")) {
            m(str, a, String.class);
        }
        for (String a : List.of("length", "upper", "lower", "strip", "lstrip", "rstrip")) {
            m(str, a);
        }
        m(str, "substr", int.class, int.class);
        m(str, "replace", String.class, String.class);
        m(str, "split", String.class);
        m(str, "extract", String.class, int.class);
        m(str, "concat", e);

        Class<?> dt = TemporalExpressions.class;
        for (String a : List.of("year", "month", "day", "hour", "minute", "second", "dayOfWeek", "dayOfYear", "date")) {
            m(dt, a);
        }
        m(dt, "truncate", String.class);

        Class<?> li = ListExpressions.class;
        for (String a : List.of("length", "sum", "min", "max")) {
            m(li, a);
        }
        m(li, "get", int.class);
        m(li, "join", String.class);
        m(StructExpressions.class, "get", String.class);

        Class<?> se = Series.class;
        for (String a : List.of("name", "dataType", "length", "toArrow")) {
            m(se, a);
        }
        for (String a : List.of("isNull", "get", "getLong", "getDouble", "getString")) {
            m(se, a, int.class);
        }
        s(se, "of", String.class, DataType.class, List.class);
    }

    private void secondWave() {
        Class<?> df = DataFrame.class;
        Class<?> e = Expression.class;
        Class<?> es = Expression[].class;
        Class<?> ss = String[].class;
        String window = "dev.floe.api.Window";
        String format = "dev.floe.api.Format";
        String schema = "dev.floe.api.types.Schema";

        m(df, "unionByName", df, boolean.class);
        for (String a : List.of("union", "intersect", "intersectAll", "except", "exceptAll")) {
            m(df, a, df);
        }
        m(df, "dropDuplicates", ss);
        m(df, "dropNull", ss);
        m(df, "fillNull", Map.class);
        m(df, "offset", long.class);
        m(df, "describe", ss);
        m(df, "withColumnsRenamed", Map.class);
        m(df, "transform", Function.class);
        m(df, "cache");
        m(df, "persist");
        m(df, "unpersist");
        m(df, "join", df, e, JoinType.class);
        m(df, "joinAsof", df, String.class, String.class, ss);
        m(df, "rollup", es);
        m(df, "cube", es);
        m(df, "groupingSets", List.class);
        m(df, "unpivot", List.class, List.class, String.class, String.class);
        m(df, "melt", List.class, List.class, String.class, String.class);
        m(GroupedDataFrame.class, "pivot", String.class, List.class);
        m(df, "iterator");
        m(df, "as", Class.class);
        m(df, "stream", Class.class);
        m(df, "head", int.class);
        m(df, "first");
        m(df, "explainAnalyze");
        m(df, "explain", format);
        m(df, "writeIceberg", String.class, WriteMode.class);

        Class<?> f = Functions.class;
        s(f, "grouping", e);
        s(f, "groupingId");
        for (String a : List.of("rowNumber", "rank", "denseRank", "percentRank", "cumeDist")) {
            s(f, a);
        }
        s(f, "ntile", int.class);
        for (String a : List.of("lag", "lead")) {
            s(f, a, e);
            s(f, a, e, int.class);
            s(f, a, e, int.class, e);
        }
        s(f, "firstValue", e);
        s(f, "lastValue", e);
        s(f, "nthValue", e, int.class);
        s(f, "covariance", e, e);
        s(f, "correlation", e, e);
        s(f, "sqlExpr", String.class);

        s(window, "partitionBy", es);
        s(window, "partitionBy", ss);
        s(window, "orderBy", es);
        // API.md's chain Window.partitionBy(..).orderBy(..): Java allows no static and instance method with
        // one signature in one type, so the static starts return WindowSpec, which has the instance ones
        // (windowChainFromApiMdCompiles below is API.md's example verbatim).
        String spec = "dev.floe.api.WindowSpec";
        m(spec, "partitionBy", es);
        m(spec, "orderBy", es);
        m(window, "rowsBetween", long.class, long.class);
        m(window, "rangeBetween", Object.class, Object.class);

        m(e, "over", window);
        for (String a : List.of("first", "last", "median", "approxCountDistinct", "boolAnd", "boolOr", "countIf",
                "aggSet", "product", "skew", "kurtosis")) {
            m(e, a);
        }
        m(e, "first", boolean.class);
        m(e, "last", boolean.class);
        m(e, "percentile", double[].class);
        m(e, "approxPercentile", double[].class);
        m(e, "stringAgg", String.class);

        Class<?> floe = Floe.class;
        m(floe, "sql", String.class);
        m(floe, "sql", String.class, Map.class);
        m(floe, "register", String.class, df);
        m(floe, "unregister", String.class);
        m(floe, "tables");
        m(floe, "fromArrow", ArrowReader.class);
        m(floe, "lastJob");
        m(floe, "cancelAll");
        m(floe, "readIceberg", String.class);
        m(floe, "readIceberg", String.class, long.class);
        m(floe, "readIcebergAsOf", String.class, Instant.class);
        m(floe, "createIceberg", String.class, schema, ss);
    }

    @Test
    void everyMethodApiMdNamesExistsOrIsListedAsPending() {
        firstWave();
        secondWave();
        Set<String> missing = new TreeSet<>();
        Set<String> present = new TreeSet<>();
        for (Sig sig : sigs) {
            (exists(sig) ? present : missing).add(sig.toString());
        }
        Set<String> missingNotPending = new TreeSet<>(missing);
        missingNotPending.removeAll(PENDING);
        Set<String> pendingButPresent = new TreeSet<>(PENDING);
        pendingButPresent.retainAll(present);
        Set<String> pendingUnknown = new TreeSet<>(PENDING);
        pendingUnknown.removeAll(missing);
        pendingUnknown.removeAll(present);

        assertThat(missingNotPending).as("API.md methods that do not exist").isEmpty();
        assertThat(pendingButPresent).as("methods listed as PENDING that now exist: remove them from PENDING")
                .isEmpty();
        assertThat(pendingUnknown).as("PENDING entries that match no API.md signature").isEmpty();
    }

    @Test
    void windowChainFromApiMdCompiles() {
        Window w = Window.partitionBy(Functions.col("dept")).orderBy(Functions.col("salary").desc())
                .rowsBetween(Window.UNBOUNDED_PRECEDING, Window.CURRENT_ROW);
        Window unpartitioned = Window.orderBy(Functions.col("ts"));
        assertThat(w).isNotEqualTo(unpartitioned);
        assertThat(Functions.rank().over(w)).isNotNull();
        assertThat(Functions.lag(Functions.col("salary"), 1, Functions.lit(0)).over(w)).isNotNull();
    }

    @Test
    void formatEnumHasTheThreeApiMdConstants() throws Exception {
        Class<?> format = Class.forName("dev.floe.api.Format");
        assertThat(format.isEnum()).isTrue();
        assertThat(List.of(format.getEnumConstants()).toString()).contains("TEXT", "MERMAID", "DOT");
    }

    @Test
    void windowConstantsAreThoseApiMdFixes() throws Exception {
        Class<?> window = Class.forName("dev.floe.api.Window");
        assertThat(window.getField("UNBOUNDED_PRECEDING").getLong(null)).isEqualTo(Long.MIN_VALUE);
        assertThat(window.getField("UNBOUNDED_FOLLOWING").getLong(null)).isEqualTo(Long.MAX_VALUE);
        assertThat(window.getField("CURRENT_ROW").getLong(null)).isZero();
    }

    private static boolean exists(Sig sig) {
        Class<?> owner;
        try {
            owner = Class.forName(sig.owner());
        } catch (ClassNotFoundException e) {
            return false;
        }
        Class<?>[] wanted = new Class<?>[sig.params().size()];
        for (int i = 0; i < wanted.length; i++) {
            Object p = sig.params().get(i);
            if (p instanceof Class<?> c) {
                wanted[i] = c;
            } else {
                try {
                    wanted[i] = Class.forName(p.toString());
                } catch (ClassNotFoundException e) {
                    return false;
                }
            }
        }
        for (Method method : owner.getMethods()) {
            if (method.getName().equals(sig.name())
                    && Modifier.isStatic(method.getModifiers()) == sig.isStatic()
                    && accepts(method, wanted)) {
                return true;
            }
        }
        return false;
    }

    /** A call written with arguments of the wanted types compiles against these parameters. */
    private static boolean accepts(Method method, Class<?>[] wanted) {
        Class<?>[] declared = method.getParameterTypes();
        if (method.isVarArgs() && wanted.length == declared.length - 1) {
            declared = java.util.Arrays.copyOf(declared, wanted.length);
        }
        if (declared.length != wanted.length) {
            return false;
        }
        for (int i = 0; i < declared.length; i++) {
            if (wanted[i].isPrimitive() || declared[i].isPrimitive()) {
                if (declared[i] != wanted[i] && !(declared[i] == long.class && wanted[i] == int.class)) {
                    return false;
                }
            } else if (!declared[i].isAssignableFrom(wanted[i])) {
                return false;
            }
        }
        return true;
    }
}
