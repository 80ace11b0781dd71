package dev.floe.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.arrow.RecordBatch;
import dev.floe.arrow.testing.Batches;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import dev.floe.formats.StatsPredicate.And;
import dev.floe.formats.StatsPredicate.Compare;
import dev.floe.formats.StatsPredicate.In;
import dev.floe.formats.StatsPredicate.IsNull;
import dev.floe.formats.StatsPredicate.NotNull;
import dev.floe.formats.StatsPredicate.Op;
import dev.floe.formats.StatsPredicate.Or;
import dev.floe.formats.StatsPruning.ColumnStats;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Row-group pruning: first on hand-made statistics (each type, each operator, nulls), then on a
 * real file with many row groups, where every row that matches must come from a kept row group
 * and narrow predicates must skip most groups.
 */
class StatsPruningTest {
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("i", DataType.int32()), new Field("l", DataType.int64()), new Field("d", DataType.date()),
            new Field("dec", DataType.decimal(15, 2)), new Field("s", DataType.string()),
            new Field("f", DataType.float64())));

    private static ColumnStats stats(Object min, Object max, long nulls, long rows, DataType type) {
        return new ColumnStats(StatsPruning.normalize(min, type), StatsPruning.normalize(max, type), nulls, rows);
    }

    /** i in [10, 20], l in [10, 20], d in [2024-01-10, 2024-01-20], dec in [1.00, 2.00], s in ['b', 'd'], f min 1.5; 2 nulls of 100. */
    private static final Map<String, ColumnStats> GROUP = Map.of(
            "i", stats(10, 20, 2, 100, DataType.int32()),
            "l", stats(10L, 20L, 2, 100, DataType.int64()),
            "d", stats(LocalDate.of(2024, 1, 10), LocalDate.of(2024, 1, 20), 2, 100, DataType.date()),
            "dec", stats(new BigDecimal("1.00"), new BigDecimal("2.00"), 2, 100, DataType.decimal(15, 2)),
            "s", stats("b", "d", 2, 100, DataType.string()),
            "f", new ColumnStats(StatsPruning.normalize(1.5, DataType.float64()), null, 2, 100));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new Compare("i", Op.EQ, 15), true),
                Arguments.of(new Compare("i", Op.EQ, 21), false),
                Arguments.of(new Compare("i", Op.EQ, 9L), false),
                Arguments.of(new Compare("i", Op.LT, 10), false),
                Arguments.of(new Compare("i", Op.LE, 10), true),
                Arguments.of(new Compare("i", Op.GT, 20), false),
                Arguments.of(new Compare("i", Op.GE, 20), true),
                Arguments.of(new Compare("i", Op.GT, 19.5), true),
                Arguments.of(new Compare("i", Op.GT, 20.5), false),
                Arguments.of(new Compare("i", Op.NE, 15), true),
                Arguments.of(new Compare("l", Op.GE, 21L), false),
                Arguments.of(new Compare("l", Op.LT, new BigDecimal("10.5")), true),
                Arguments.of(new Compare("d", Op.GE, LocalDate.of(2024, 1, 21)), false),
                Arguments.of(new Compare("d", Op.LE, LocalDate.of(2024, 1, 10)), true),
                Arguments.of(new And(List.of(new Compare("d", Op.GE, LocalDate.of(2024, 2, 1)),
                        new Compare("d", Op.LE, LocalDate.of(2024, 2, 9)))), false),
                Arguments.of(new Compare("dec", Op.GT, new BigDecimal("2.00")), false),
                Arguments.of(new Compare("dec", Op.GT, new BigDecimal("1.999")), true),
                Arguments.of(new Compare("dec", Op.LT, 1), false),
                Arguments.of(new Compare("dec", Op.EQ, new BigDecimal("1.5")), true),
                Arguments.of(new Compare("s", Op.EQ, "c"), true),
                Arguments.of(new Compare("s", Op.EQ, "a"), false),
                Arguments.of(new Compare("s", Op.GT, "d"), false),
                Arguments.of(new Compare("s", Op.GT, "cz"), true),
                Arguments.of(new Compare("s", Op.LT, "b"), false),
                // UTF-8 byte order: 'é' sorts after 'd' and every ASCII letter
                Arguments.of(new Compare("s", Op.GE, "é"), false),
                Arguments.of(new Compare("f", Op.LT, 1.5), false),
                // NaN may hide above the max: greater-than never prunes a float column
                Arguments.of(new Compare("f", Op.GT, 1e300), true),
                Arguments.of(new In("i", Arrays.asList(1, 2, null, 30)), false),
                Arguments.of(new In("i", Arrays.asList(1, 12)), true),
                Arguments.of(new In("s", List.of("a", "e")), false),
                Arguments.of(new In("s", Arrays.asList((Object) null)), false),
                Arguments.of(new IsNull("i"), true),
                Arguments.of(new NotNull("i"), true),
                Arguments.of(new Or(List.of(new Compare("i", Op.EQ, 1), new Compare("s", Op.EQ, "z"))), false),
                Arguments.of(new Or(List.of(new Compare("i", Op.EQ, 1), new Compare("s", Op.EQ, "c"))), true),
                Arguments.of(new And(List.of(new Compare("i", Op.EQ, 15), new Compare("s", Op.EQ, "z"))), false),
                // what statistics cannot decide keeps the row group
                Arguments.of(new Compare("unknown", Op.EQ, 1), true),
                Arguments.of(new Compare("d", Op.EQ, "2024-01-01"), true),
                Arguments.of(new Compare("i", Op.EQ, Double.NaN), true),
                Arguments.of(new Compare("i", Op.EQ, null), false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void decidesFromStatistics(StatsPredicate p, boolean mightMatch) {
        assertThat(StatsPruning.mightMatch(p, SCHEMA, GROUP::get)).isEqualTo(mightMatch);
    }

    @Test
    void nullCountsDecideNullTests() {
        Map<String, ColumnStats> noNulls = Map.of("i", stats(1, 5, 0, 10, DataType.int32()));
        Map<String, ColumnStats> allNulls = Map.of("i", new ColumnStats(null, null, 10, 10));
        Map<String, ColumnStats> unknownNulls = Map.of("i", stats(1, 5, -1, 10, DataType.int32()));
        assertThat(StatsPruning.mightMatch(new IsNull("i"), SCHEMA, noNulls::get)).isFalse();
        assertThat(StatsPruning.mightMatch(new IsNull("i"), SCHEMA, unknownNulls::get)).isTrue();
        assertThat(StatsPruning.mightMatch(new NotNull("i"), SCHEMA, allNulls::get)).isFalse();
        assertThat(StatsPruning.mightMatch(new IsNull("i"), SCHEMA, allNulls::get)).isTrue();
        // a comparison is never true on an all-null group, even without min/max
        assertThat(StatsPruning.mightMatch(new Compare("i", Op.GE, 0), SCHEMA, allNulls::get)).isFalse();
        assertThat(StatsPruning.mightMatch(new Compare("i", Op.NE, 3), SCHEMA,
                Map.of("i", stats(3, 3, 0, 10, DataType.int32()))::get)).isFalse();
        assertThat(StatsPruning.mightMatch(new Compare("i", Op.NE, 3), SCHEMA,
                Map.of("i", stats(3, 3, 1, 10, DataType.int32()))::get)).isFalse();
        // missing statistics keep everything
        Map<String, ColumnStats> none = Map.of("i", new ColumnStats(null, null, -1, 10));
        assertThat(StatsPruning.mightMatch(new Compare("i", Op.EQ, 99), SCHEMA, none::get)).isTrue();
        assertThat(StatsPruning.mightMatch(new NotNull("i"), SCHEMA, none::get)).isTrue();
    }

    // ---- on a real file ----------------------------------------------------------------------

    private static final int ROWS = 3000;
    private static final LocalDate BASE = LocalDate.of(2024, 1, 1);
    @TempDir
    static Path dir;
    private static String file;
    private static List<Map<String, Object>> rows;
    private static LeakCheckingAllocator allocator;

    @BeforeAll
    static void writeSortedFile() {
        allocator = new LeakCheckingAllocator("stats-pruning");
        file = dir.resolve("sorted.parquet").toString();
        rows = new ArrayList<>();
        try (ParquetBatchWriter w = new ParquetBatchWriter(file, fileSchema(), CompressionCodecName.SNAPPY, 1)) {
            for (int start = 0; start < ROWS; start += 500) {
                List<Object> i = new ArrayList<>();
                List<Object> d = new ArrayList<>();
                List<Object> dec = new ArrayList<>();
                List<Object> big = new ArrayList<>();
                List<Object> s = new ArrayList<>();
                List<Object> n = new ArrayList<>();
                List<Object> half = new ArrayList<>();
                for (int r = start; r < start + 500; r++) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("i", r % 7 == 0 ? null : r);
                    row.put("d", r % 11 == 0 ? null : BASE.plusDays(r / 10));
                    row.put("dec", r % 13 == 0 ? null : BigDecimal.valueOf(r, 2));
                    row.put("big", BigDecimal.valueOf(r * 1000L - 50_000, 4));
                    row.put("s", r % 5 == 0 ? null : String.format("k%05d", r));
                    row.put("n", null);
                    // nulls only in the first half of the file
                    row.put("half", r < ROWS / 2 && r % 2 == 0 ? null : (long) r);
                    rows.add(row);
                    i.add(row.get("i"));
                    d.add(row.get("d"));
                    dec.add(row.get("dec"));
                    big.add(row.get("big"));
                    s.add(row.get("s"));
                    n.add(null);
                    half.add(row.get("half"));
                }
                try (RecordBatch b = Batches.with(allocator.get())
                        .col("i", DataType.int32(), i.toArray()).col("d", DataType.date(), d.toArray())
                        .col("dec", DataType.decimal(15, 2), dec.toArray())
                        .col("big", DataType.decimal(38, 4), big.toArray())
                        .col("s", DataType.string(), s.toArray()).col("n", DataType.int64(), n.toArray())
                        .col("half", DataType.int64(), half.toArray()).build()) {
                    w.write(b);
                }
            }
        }
    }

    @AfterAll
    static void close() {
        allocator.close();
    }

    private static Schema fileSchema() {
        return new Schema(List.of(new Field("i", DataType.int32()), new Field("d", DataType.date()),
                new Field("dec", DataType.decimal(15, 2)), new Field("big", DataType.decimal(38, 4)),
                new Field("s", DataType.string()), new Field("n", DataType.int64()), new Field("half", DataType.int64())));
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Map<String, Object>> between(String c, Object lo, Object hi) {
        return r -> r.get(c) != null && ((Comparable<Object>) lo).compareTo(r.get(c)) <= 0
                && ((Comparable<Object>) hi).compareTo(r.get(c)) >= 0;
    }

    static Stream<Arguments> fileCases() {
        LocalDate lo = BASE.plusDays(100);
        LocalDate hi = BASE.plusDays(104);
        return Stream.of(
                Arguments.of("date range", new And(List.of(new Compare("d", Op.GE, lo), new Compare("d", Op.LE, hi))),
                        between("d", lo, hi), 0.8),
                Arguments.of("int equality", new Compare("i", Op.EQ, 1234), between("i", 1234, 1234), 0.8),
                Arguments.of("int32 column, int64 literal", new Compare("i", Op.GT, 2900L),
                        (Predicate<Map<String, Object>>) r -> r.get("i") != null && (Integer) r.get("i") > 2900, 0.8),
                Arguments.of("decimal between", new And(List.of(new Compare("dec", Op.GE, new BigDecimal("3.00")),
                        new Compare("dec", Op.LE, new BigDecimal("3.50")))),
                        between("dec", new BigDecimal("3.00"), new BigDecimal("3.50")), 0.8),
                Arguments.of("decimal(38) less than", new Compare("big", Op.LT, new BigDecimal("0")),
                        (Predicate<Map<String, Object>>) r -> ((BigDecimal) r.get("big")).signum() < 0, 0.8),
                Arguments.of("string in", new In("s", List.of("k00101", "k02999")),
                        (Predicate<Map<String, Object>>) r -> "k00101".equals(r.get("s")) || "k02999".equals(r.get("s")),
                        0.8),
                Arguments.of("all-null column compared", new Compare("n", Op.EQ, 1L),
                        (Predicate<Map<String, Object>>) r -> false, 1.0),
                Arguments.of("is null where nulls end halfway", new IsNull("half"),
                        (Predicate<Map<String, Object>>) r -> r.get("half") == null, 0.4),
                Arguments.of("not null on an all-null column", new NotNull("n"),
                        (Predicate<Map<String, Object>>) r -> false, 1.0),
                Arguments.of("no statistics decide a string prefix", new Compare("s", Op.GE, "k"),
                        (Predicate<Map<String, Object>>) r -> r.get("s") != null, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileCases")
    void keepsEveryRowGroupWithAMatchAndSkipsTheRest(String name, StatsPredicate p, Predicate<Map<String, Object>> matches,
            double minSkippedShare) throws Exception {
        ParquetFormat.RowGroupSelection sel = ParquetFormat.selectRowGroups(file, fileSchema(), p, Map.of());
        assertThat(sel.total()).as("row groups in the file").isGreaterThan(10);
        long expectedMatches = rows.stream().filter(matches).count();
        long found = 0;
        Schema schema = fileSchema();
        try (BatchReader r = ParquetFormat.read(file, schema, schema.names(), sel.kept(), 1000, allocator.get(),
                new ScanMetrics())) {
            while (r.hasNext()) {
                try (RecordBatch b = r.next()) {
                    for (int row = 0; row < b.numRows(); row++) {
                        Map<String, Object> values = new HashMap<>();
                        for (int c = 0; c < b.numColumns(); c++) {
                            values.put(schema.field(c).name(), Batches.values(b, c).get(row));
                        }
                        if (matches.test(values)) {
                            found++;
                        }
                    }
                }
            }
        }
        assertThat(found).as("matching rows in the kept row groups").isEqualTo(expectedMatches);
        assertThat((double) sel.skipped() / sel.total()).as("share of row groups skipped").isGreaterThanOrEqualTo(
                minSkippedShare);
    }

    @Test
    void partitionConstantsPruneWholeFiles() {
        Schema withPart = new Schema(List.of(new Field("i", DataType.int32()), new Field("status", DataType.string())));
        Map<String, Object> part = new HashMap<>();
        part.put("status", StatsPruning.normalize("open", DataType.string()));
        assertThat(ParquetFormat.selectRowGroups(file, withPart, new Compare("status", Op.EQ, "closed"), part).kept())
                .isEmpty();
        assertThat(ParquetFormat.selectRowGroups(file, withPart, new Compare("status", Op.EQ, "open"), part).skipped())
                .isZero();
        part.put("status", null);
        assertThat(ParquetFormat.selectRowGroups(file, withPart, new IsNull("status"), part).skipped()).isZero();
        assertThat(ParquetFormat.selectRowGroups(file, withPart, new NotNull("status"), part).kept()).isEmpty();
    }
}
