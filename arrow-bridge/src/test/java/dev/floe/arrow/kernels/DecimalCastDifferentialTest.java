package dev.floe.arrow.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.api.types.DataType;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decimal casts (which run on longs where they can) against java.math.BigDecimal: random values
 * of every size, nulls, values that no longer fit the target precision (an error, or null with
 * tryCast).
 */
class DecimalCastDifferentialTest {
    private static final int N = 4000;

    private static BigInteger randomUnscaled(Random r, int precision) {
        int digits = 1 + r.nextInt(precision);
        BigInteger v = new BigInteger(digits * 4, r).mod(BigInteger.TEN.pow(digits));
        return r.nextBoolean() ? v.negate() : v;
    }

    @ParameterizedTest(name = "decimal({0},{1}) -> decimal({2},{3})")
    @CsvSource({"15,2,16,2", "15,2,38,6", "12,2,18,6", "30,4,38,6", "10,0,12,4", "18,2,18,4", "38,10,38,12",
            "15,2,15,0", "20,6,20,2"})
    void decimalToDecimal(int p1, int s1, int p2, int s2) {
        Random r = new Random(p1 * 31L + s1 * 7L + p2 + s2);
        DataType from = DataType.decimal(p1, s1);
        DataType to = DataType.decimal(p2, s2);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("dec-cast");
                DecimalVector in = new DecimalVector("in", a.get(), p1, s1)) {
            in.allocateNew(N);
            BigDecimal[] values = new BigDecimal[N];
            for (int i = 0; i < N; i++) {
                if (i % 97 == 0) {
                    in.setNull(i);
                    continue;
                }
                values[i] = new BigDecimal(randomUnscaled(r, p1), s1);
                in.set(i, values[i]);
            }
            in.setValueCount(N);
            try (FieldVector out = Casts.cast(in, from, to, true, "x", a.get())) {
                DecimalVector d = (DecimalVector) out;
                for (int i = 0; i < N; i++) {
                    BigDecimal expected = values[i] == null ? null : values[i].setScale(s2, RoundingMode.HALF_UP);
                    if (expected != null && expected.precision() - expected.scale() > p2 - s2) {
                        expected = null; // does not fit: tryCast gives null
                    }
                    assertThat(d.isNull(i) ? null : d.getObject(i)).as("row %d: %s", i, values[i]).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest(name = "int64 -> decimal({0},{1})")
    @CsvSource({"20,0", "38,6", "18,2", "10,2"})
    void integersToDecimal(int p, int s) {
        Random r = new Random(p * 13L + s);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("int-dec");
                BigIntVector in = new BigIntVector("in", a.get())) {
            in.allocateNew(N);
            long[] values = new long[N];
            for (int i = 0; i < N; i++) {
                values[i] = switch (i % 4) {
                    case 0 -> r.nextInt(1000) - 500;
                    case 1 -> r.nextLong();
                    case 2 -> i % 8 == 2 ? Long.MIN_VALUE : Long.MAX_VALUE;
                    default -> r.nextInt();
                };
                in.set(i, values[i]);
            }
            in.setValueCount(N);
            try (FieldVector out = Casts.cast(in, DataType.int64(), DataType.decimal(p, s), true, "x", a.get())) {
                DecimalVector d = (DecimalVector) out;
                for (int i = 0; i < N; i++) {
                    BigDecimal expected = BigDecimal.valueOf(values[i]).setScale(s);
                    if (expected.precision() - s > p - s) {
                        expected = null;
                    }
                    assertThat(d.isNull(i) ? null : d.getObject(i)).as("row %d: %d", i, values[i]).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest(name = "decimal({0},{1}) -> float64")
    @CsvSource({"15,2", "38,6", "18,0", "38,20"})
    void decimalToDouble(int p, int s) {
        Random r = new Random(p * 17L + s);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("dec-double");
                DecimalVector in = new DecimalVector("in", a.get(), p, s)) {
            in.allocateNew(N);
            BigDecimal[] values = new BigDecimal[N];
            for (int i = 0; i < N; i++) {
                values[i] = new BigDecimal(randomUnscaled(r, p), s);
                in.set(i, values[i]);
            }
            in.setValueCount(N);
            try (FieldVector out = Casts.cast(in, DataType.decimal(p, s), DataType.float64(), false, "x", a.get())) {
                Float8Vector d = (Float8Vector) out;
                for (int i = 0; i < N; i++) {
                    assertThat(d.get(i)).as("row %d: %s", i, values[i]).isEqualTo(values[i].doubleValue());
                }
            }
        }
    }

    @ParameterizedTest(name = "strict cast of an overflowing value fails naming it")
    @CsvSource({"18,2,18,4"})
    void overflowFailsWithoutTryCast(int p1, int s1, int p2, int s2) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("dec-overflow");
                DecimalVector in = new DecimalVector("in", a.get(), p1, s1)) {
            in.allocateNew(2);
            in.set(0, new BigDecimal("1.50"));
            in.set(1, new BigDecimal("9999999999999999.99"));
            in.setValueCount(2);
            assertThatThrownBy(() -> Casts.cast(in, DataType.decimal(p1, s1), DataType.decimal(p2, s2), false, "x",
                    a.get()).close()).hasMessageContaining("9999999999999999.99").hasMessageContaining("row 1");
        }
    }
}
