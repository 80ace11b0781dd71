package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.date;
import static dev.floe.api.types.DataType.int32;
import static dev.floe.api.types.DataType.timestamp;
import static dev.floe.arrow.kernels.KernelFixtures.assertValues;
import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.api.types.TimeUnit;
import dev.floe.arrow.kernels.TemporalKernels.Field;
import dev.floe.arrow.kernels.TemporalKernels.Unit;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Civil fields, date() and truncate over dates and timestamps (zone-less, UTC, a DST zone and a
 * fixed offset) checked against java.time on random values spanning 1600..2400 and negative
 * epochs, with nulls and empty vectors; add/sub of durations and periods with month-end clamping.
 */
class TemporalKernelsTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static List<Object> randomDates(long seed, int n) {
        Random r = new Random(seed);
        List<Object> out = new ArrayList<>();
        long lo = LocalDate.of(1600, 1, 1).toEpochDay();
        long hi = LocalDate.of(2400, 12, 31).toEpochDay();
        for (int i = 0; i < n; i++) {
            out.add(i % 7 == 3 ? null : LocalDate.ofEpochDay(lo + (long) (r.nextDouble() * (hi - lo))));
        }
        out.add(LocalDate.of(2000, 2, 29));
        out.add(LocalDate.of(1970, 1, 1));
        out.add(LocalDate.of(1969, 12, 31));
        return out;
    }

    private static List<Object> randomInstants(long seed, int n) {
        Random r = new Random(seed);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long micros = (long) ((r.nextDouble() - 0.3) * 4_000_000_000_000_000L);
            out.add(i % 5 == 2 ? null : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000));
        }
        // around the 2021 Paris DST switches
        out.add(Instant.parse("2021-03-28T00:59:59.999999Z"));
        out.add(Instant.parse("2021-03-28T01:00:00Z"));
        out.add(Instant.parse("2021-10-31T00:30:00Z"));
        out.add(Instant.parse("2021-10-31T01:30:00Z"));
        return out;
    }

    private static int expectedField(Field f, LocalDateTime t) {
        return switch (f) {
            case YEAR -> t.getYear();
            case MONTH -> t.getMonthValue();
            case DAY -> t.getDayOfMonth();
            case HOUR -> t.getHour();
            case MINUTE -> t.getMinute();
            case SECOND -> t.getSecond();
            case DAY_OF_WEEK -> t.getDayOfWeek().getValue() - 1;
            case DAY_OF_YEAR -> t.getDayOfYear();
            case QUARTER -> t.get(java.time.temporal.IsoFields.QUARTER_OF_YEAR);
            case WEEK_OF_YEAR -> t.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        };
    }

    @ParameterizedTest
    @EnumSource(Field.class)
    void fieldsOfDates(Field f) {
        if (f.isTimeOfDay()) {
            return;
        }
        List<Object> dates = randomDates(f.ordinal(), 500);
        List<Object> expected = new ArrayList<>();
        for (Object d : dates) {
            expected.add(d == null ? null : expectedField(f, ((LocalDate) d).atStartOfDay()));
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("date-fields");
                FieldVector in = vec(a.get(), date(), dates);
                FieldVector out = TemporalKernels.field(f, in, date(), a.get());
                FieldVector empty = vec(a.get(), date());
                FieldVector none = TemporalKernels.field(f, empty, date(), a.get())) {
            assertValues(out, int32(), expected, f + " of dates");
            assertThat(none.getValueCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Field.class)
    void fieldsOfTimestamps(Field f) {
        List<Object> instants = randomInstants(f.ordinal(), 500);
        for (String zone : Arrays.asList(null, "UTC", "Europe/Paris", "-03:30")) {
            for (TimeUnit unit : List.of(TimeUnit.MICROSECOND, TimeUnit.SECOND, TimeUnit.NANOSECOND)) {
                DataType type = timestamp(unit, zone);
                ZoneId z = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
                List<Object> values = new ArrayList<>();
                List<Object> expected = new ArrayList<>();
                for (Object o : instants) {
                    Instant t = o == null ? null : ((Instant) o).truncatedTo(unit == TimeUnit.SECOND ? ChronoUnit.SECONDS : ChronoUnit.MICROS);
                    if (t != null && unit == TimeUnit.NANOSECOND && Math.abs(t.getEpochSecond()) > 9_000_000_000L) {
                        continue; // outside the nanosecond range
                    }
                    values.add(t == null ? null : zone == null ? LocalDateTime.ofInstant(t, z) : t);
                    expected.add(t == null ? null : expectedField(f, LocalDateTime.ofInstant(t, z)));
                }
                try (LeakCheckingAllocator a = new LeakCheckingAllocator("ts-fields");
                        FieldVector in = vec(a.get(), type, values);
                        FieldVector out = TemporalKernels.field(f, in, type, a.get())) {
                    assertValues(out, int32(), expected, f + " of " + type);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Unit.class)
    void truncateDatesAndTimestamps(Unit unit) {
        List<Object> dates = randomDates(unit.ordinal() + 100, 300);
        List<Object> expectedDates = new ArrayList<>();
        for (Object d : dates) {
            expectedDates.add(d == null ? null : unit.isTimeOfDay() ? d
                    : truncate(((LocalDate) d).atStartOfDay(), unit).toLocalDate());
        }
        DataType paris = timestamp(TimeUnit.MICROSECOND, "Europe/Paris");
        List<Object> instants = randomInstants(unit.ordinal() + 200, 300);
        List<Object> expectedTs = new ArrayList<>();
        for (Object o : instants) {
            // keeps the value's own offset where it is still valid (the repeated hour of a DST switch)
            ZonedDateTime z = o == null ? null : ((Instant) o).atZone(PARIS);
            expectedTs.add(z == null ? null
                    : ZonedDateTime.ofLocal(truncate(z.toLocalDateTime(), unit), PARIS, z.getOffset()).toInstant());
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("truncate");
                FieldVector d = vec(a.get(), date(), dates);
                FieldVector dOut = TemporalKernels.truncate(unit, d, date(), a.get());
                FieldVector t = vec(a.get(), paris, instants);
                FieldVector tOut = TemporalKernels.truncate(unit, t, paris, a.get());
                FieldVector empty = vec(a.get(), date());
                FieldVector none = TemporalKernels.truncate(unit, empty, date(), a.get())) {
            assertValues(dOut, date(), expectedDates, "truncate dates to " + unit);
            assertValues(tOut, paris, expectedTs, "truncate Paris timestamps to " + unit);
            assertThat(none.getValueCount()).isZero();
        }
    }

    private static LocalDateTime truncate(LocalDateTime t, Unit unit) {
        return switch (unit) {
            case YEAR -> t.toLocalDate().withDayOfYear(1).atStartOfDay();
            case QUARTER -> t.toLocalDate().with(IsoFields.DAY_OF_QUARTER, 1).atStartOfDay();
            case MONTH -> t.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case WEEK -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case SECOND -> t.truncatedTo(ChronoUnit.SECONDS);
            case MILLISECOND -> t.truncatedTo(ChronoUnit.MILLIS);
            case MICROSECOND -> t.truncatedTo(ChronoUnit.MICROS);
        };
    }

    @Test
    void dateOfTimestamps() {
        DataType paris = timestamp(TimeUnit.MILLISECOND, "Europe/Paris");
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("date-of");
                FieldVector t = vec(a.get(), paris, Instant.parse("2021-06-30T22:30:00Z"), null,
                        Instant.parse("1960-01-01T00:00:00Z"));
                FieldVector out = TemporalKernels.date(t, paris, a.get());
                FieldVector naive = vec(a.get(), timestamp(TimeUnit.SECOND, null), LocalDateTime.of(1969, 12, 31, 23, 59, 59));
                FieldVector naiveOut = TemporalKernels.date(naive, timestamp(TimeUnit.SECOND, null), a.get())) {
            assertValues(out, date(), Arrays.asList(LocalDate.of(2021, 7, 1), null, LocalDate.of(1960, 1, 1)), "date in Paris");
            assertValues(naiveOut, date(), List.of(LocalDate.of(1969, 12, 31)), "date of a wall-clock time");
        }
    }

    @Test
    void addPeriodsClampsToMonthEnd() {
        DataType ts = timestamp(TimeUnit.MICROSECOND, null);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("add-period");
                FieldVector d = vec(a.get(), date(), LocalDate.of(2024, 1, 31), null, LocalDate.of(2023, 3, 31));
                FieldVector plus = TemporalKernels.addInterval(d, date(), Operand.scalar(DataType.interval(),
                        Period.of(0, 1, 1)), 1, "d + p", a.get());
                FieldVector minus = TemporalKernels.addInterval(d, date(), Operand.scalar(DataType.interval(),
                        Period.ofMonths(13)), -1, "d - p", a.get());
                FieldVector t = vec(a.get(), ts, LocalDateTime.of(2020, 2, 29, 10, 30));
                FieldVector tPlus = TemporalKernels.addInterval(t, ts, Operand.scalar(DataType.interval(),
                        Period.ofYears(1)), 1, "t + p", a.get())) {
            assertValues(plus, date(), Arrays.asList(LocalDate.of(2024, 3, 1), null, LocalDate.of(2023, 5, 1)), "date + 1 month 1 day");
            assertValues(minus, date(), Arrays.asList(LocalDate.of(2022, 12, 31), null, LocalDate.of(2022, 2, 28)), "date - 13 months");
            assertValues(tPlus, ts, List.of(LocalDateTime.of(2021, 2, 28, 10, 30)), "timestamp + 1 year");
        }
    }

    @Test
    void addDurationsInTheFinerUnit() {
        DataType secs = timestamp(TimeUnit.SECOND, "UTC");
        DataType dur = DataType.duration(TimeUnit.MICROSECOND);
        DataType.Timestamp micros = (DataType.Timestamp) timestamp(TimeUnit.MICROSECOND, "UTC");
        DataType.Timestamp naive = (DataType.Timestamp) timestamp(TimeUnit.MICROSECOND, null);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("add-duration");
                FieldVector t = vec(a.get(), secs, Instant.parse("2021-01-01T00:00:00Z"), null);
                FieldVector out = TemporalKernels.addDuration(t, secs, Operand.scalar(dur, Duration.ofMillis(1500)), dur,
                        micros, 1, "t + d", a.get());
                FieldVector d = vec(a.get(), date(), LocalDate.of(2021, 1, 1));
                FieldVector dOut = TemporalKernels.addDuration(d, date(), Operand.scalar(dur, Duration.ofHours(25)), dur,
                        naive, -1, "d - d", a.get())) {
            assertValues(out, micros, Arrays.asList(Instant.parse("2021-01-01T00:00:01.500Z"), null), "ts + 1.5s");
            assertValues(dOut, naive, List.of(LocalDateTime.of(2020, 12, 30, 23, 0)), "date - 25h");
        }
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("add-overflow");
                FieldVector t = vec(a.get(), secs, Instant.parse("+200000-01-01T00:00:00Z"))) {
            assertThatThrownBy(() -> TemporalKernels.addDuration(t, secs, Operand.scalar(dur, Duration.ofMillis(1)), dur,
                    (DataType.Timestamp) timestamp(TimeUnit.NANOSECOND, "UTC"), 1, "t + d", a.get()))
                    .isInstanceOf(KernelException.class).hasMessageContaining("t + d").hasMessageContaining("row 0");
        }
    }

    @Test
    void unitNames() {
        assertThat(Unit.parse("Month")).isEqualTo(Unit.MONTH);
        assertThat(Unit.parse("days")).isEqualTo(Unit.DAY);
        assertThat(Unit.parse("fortnight")).isNull();
    }
}
