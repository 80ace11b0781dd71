package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.date;
import static dev.floe.api.types.DataType.float64;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.api.types.DataType.list;
import static dev.floe.api.types.DataType.string;
import static dev.floe.arrow.kernels.KernelFixtures.assertValues;
import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of {@link MathFunctionKernels}, {@link DateFunctionKernels}/{@link DatePattern} and
 * {@link ListFunctionKernels} with answers from the functions' definitions (Spark's pmod and
 * months_between documentation, java.time's DST rules), nulls beside every value, allocators
 * checked for leaks.
 */
class FunctionKernelsTest {
    private static final DataType MICROS = DataType.timestamp(TimeUnit.MICROSECOND, null);

    @Test
    void pmodIsPositiveForPositiveDivisorsAndNullForZero() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("pmod");
                BigIntVector x = (BigIntVector) vec(a.get(), int64(), -7L, 7L, 7L, null, Long.MIN_VALUE);
                BigIntVector d = (BigIntVector) vec(a.get(), int64(), 3L, -3L, 0L, 3L, -1L);
                FieldVector out = MathFunctionKernels.pmod(x, d, a.get())) {
            assertValues(out, int64(), Arrays.asList(2L, 1L, null, null, 0L), "pmod");
        }
    }

    @Test
    void greatestSkipsNullsAndPutsNanAboveNumbers() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("greatest");
                FieldVector x = vec(a.get(), float64(), 1.0, null, Double.NaN, null);
                FieldVector y = vec(a.get(), float64(), 3.0, 2.0, Double.POSITIVE_INFINITY, null);
                FieldVector g = MathFunctionKernels.extreme(true, new FieldVector[] {x, y}, float64(), 4, a.get());
                FieldVector l = MathFunctionKernels.extreme(false, new FieldVector[] {x, y}, float64(), 4, a.get())) {
            assertValues(g, float64(), Arrays.asList(3.0, 2.0, Double.NaN, null), "greatest");
            assertValues(l, float64(), Arrays.asList(1.0, 2.0, Double.POSITIVE_INFINITY, null), "least");
        }
    }

    @Test
    void datePatternsFormatAndParse() {
        LocalDateTime t = LocalDateTime.of(2020, 2, 29, 13, 5, 9, 123_000_000);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("pattern");
                FieldVector ts = vec(a.get(), MICROS, t, null);
                VarCharVector f = DateFunctionKernels.format(ts, MICROS,
                        DatePattern.compile("yyyy-MM-dd HH:mm:ss.SSS EEE MMM DDD hh a 'o''clock' yy", false), a.get());
                VarCharVector s = (VarCharVector) vec(a.get(), string(), "1/2/2020", "29/02/2021", "01/02/2020x", null, "31/12/1999");
                FieldVector d = DateFunctionKernels.parse(s, DatePattern.compile("d/M/yyyy", true), date(), a.get())) {
            assertValues(f, string(), Arrays.asList("2020-02-29 13:05:09.123 Sat Feb 060 01 PM o'clock 20", null), "format");
            assertValues(d, date(), Arrays.asList(LocalDate.of(2020, 2, 1), null, null, null, LocalDate.of(1999, 12, 31)),
                    "parse");
        }
        assertThatThrownBy(() -> DatePattern.compile("yyyy-MM-dd Q", false)).hasMessageContaining("'Q'");
        assertThatThrownBy(() -> DatePattern.compile("MMM yyyy", true)).hasMessageContaining("for parsing");
    }

    @Test
    void monthsBetweenFollowsSparksDocumentedExample() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("months-between");
                FieldVector end = vec(a.get(), MICROS, LocalDateTime.of(1997, 2, 28, 10, 30), LocalDateTime.of(2020, 3, 31, 0, 0), null);
                FieldVector start = vec(a.get(), MICROS, LocalDateTime.of(1996, 10, 30, 0, 0), LocalDateTime.of(2020, 2, 29, 5, 0),
                        LocalDateTime.of(2020, 1, 1, 0, 0));
                Float8Vector out = DateFunctionKernels.monthsBetween(end, start, (DataType.Timestamp) MICROS, a.get())) {
            assertValues(out, float64(), Arrays.asList(3.94959677, 1.0, null), "months_between");
        }
    }

    @Test
    void toUtcTakesJavaTimesOffsetInGapsAndOverlaps() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("to-utc");
                FieldVector wall = vec(a.get(), MICROS, LocalDateTime.of(2021, 3, 14, 2, 30), LocalDateTime.of(2021, 11, 7, 1, 30),
                        LocalDateTime.of(2021, 7, 1, 12, 0));
                FieldVector utc = DateFunctionKernels.shiftZone(wall, (DataType.Timestamp) MICROS, "America/New_York", false, a.get());
                FieldVector back = DateFunctionKernels.shiftZone(utc, (DataType.Timestamp) MICROS, "America/New_York", true, a.get())) {
            List<Object> expected = Arrays.asList(LocalDateTime.of(2021, 3, 14, 7, 30), LocalDateTime.of(2021, 11, 7, 5, 30),
                    LocalDateTime.of(2021, 7, 1, 16, 0));
            assertValues(utc, MICROS, expected, "to_utc_timestamp");
            assertValues(back, MICROS, Arrays.asList(LocalDateTime.of(2021, 3, 14, 3, 30), LocalDateTime.of(2021, 11, 7, 1, 30),
                    LocalDateTime.of(2021, 7, 1, 12, 0)), "from_utc_timestamp");
        }
    }

    @Test
    void dateAddAndLastDay() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("date-add");
                DateDayVector d = (DateDayVector) vec(a.get(), date(), LocalDate.of(2020, 2, 10), LocalDate.of(1900, 2, 1), null);
                BigIntVector days = (BigIntVector) vec(a.get(), int64(), 20L, -1L, 1L);
                FieldVector added = DateFunctionKernels.dateAdd(d, days, "date_add(d, n)", a.get());
                FieldVector last = DateFunctionKernels.lastDay(d, a.get())) {
            assertValues(added, date(), Arrays.asList(LocalDate.of(2020, 3, 1), LocalDate.of(1900, 1, 31), null), "date_add");
            assertValues(last, date(), Arrays.asList(LocalDate.of(2020, 2, 29), LocalDate.of(1900, 2, 28), null), "last_day");
        }
    }

    @Test
    void listSortDistinctSliceFlatten() {
        DataType l = list(int64());
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("lists");
                ListVector in = (ListVector) vec(a.get(), l, Arrays.asList(3L, null, 1L, 3L), null, List.of(), List.of(5L));
                FieldVector sorted = ListFunctionKernels.sort(in, int64(), false, a.get());
                FieldVector desc = ListFunctionKernels.sort(in, int64(), true, a.get());
                FieldVector distinct = ListFunctionKernels.distinct(in, int64(), a.get());
                FieldVector slice = ListFunctionKernels.slice(in, int64(), -3, -1, a.get());
                ListVector nested = (ListVector) vec(a.get(), list(l), Arrays.asList(List.of(1L), null, Arrays.asList(2L, null)),
                        null, List.of());
                FieldVector flat = ListFunctionKernels.flatten(nested, int64(), a.get())) {
            assertValues(sorted, l, Arrays.asList(Arrays.asList(1L, 3L, 3L, null), null, List.of(), List.of(5L)), "sort");
            assertValues(desc, l, Arrays.asList(Arrays.asList(3L, 3L, 1L, null), null, List.of(), List.of(5L)), "sort desc");
            assertValues(distinct, l, Arrays.asList(Arrays.asList(3L, 1L), null, List.of(), List.of(5L)), "distinct");
            assertValues(slice, l, Arrays.asList(Arrays.asList(null, 1L), null, List.of(), List.of()), "slice");
            assertValues(flat, l, Arrays.asList(Arrays.asList(1L, 2L, null), null, List.of()), "flatten");
            assertThat(flat.getValueCount()).isEqualTo(3);
        }
    }
}
