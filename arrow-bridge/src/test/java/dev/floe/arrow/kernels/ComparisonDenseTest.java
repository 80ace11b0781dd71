package dev.floe.arrow.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.util.Random;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Comparisons of null-free columns (computed 64 rows per bitmap word) against Java's own
 * comparison, for every operator, vector-vector and vector-scalar, at lengths around word and
 * byte boundaries.
 */
class ComparisonDenseTest {

    @ParameterizedTest(name = "{0} x {1} rows")
    @CsvSource({"int32,0", "int32,1", "int32,63", "int32,64", "int32,65", "int32,1000", "int64,130", "int64,7",
            "float32,129", "float64,200", "float64,9"})
    void denseComparisonsMatchJava(String typeName, int n) {
        Random r = new Random(n * 31L + typeName.hashCode());
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("cmp-dense");
                FieldVector left = column(typeName, n, r, a);
                FieldVector right = column(typeName, n, r, a)) {
            DataType type = switch (typeName) {
                case "int32" -> DataType.int32();
                case "int64" -> DataType.int64();
                case "float32" -> DataType.float32();
                default -> DataType.float64();
            };
            double pivot = n == 0 ? 0 : value(left, n / 2);
            Object scalar = switch (typeName) {
                case "int32" -> (int) pivot;
                case "int64" -> (long) pivot;
                case "float32" -> (float) pivot;
                default -> pivot;
            };
            for (Comparison.Op op : Comparison.Op.values()) {
                try (BitVector vv = Comparison.compare(op, Operand.of(left, type), Operand.of(right, type), n, a.get());
                        BitVector vs = Comparison.compare(op, Operand.of(left, type), Operand.scalar(type, scalar), n,
                                a.get())) {
                    for (int i = 0; i < n; i++) {
                        assertThat(vv.isNull(i)).isFalse();
                        assertThat(vv.get(i) == 1).as("%s row %d", op, i)
                                .isEqualTo(op.test(Double.compare(value(left, i), value(right, i))));
                        assertThat(vs.get(i) == 1).as("%s scalar row %d", op, i)
                                .isEqualTo(op.test(Double.compare(value(left, i), pivot)));
                    }
                }
            }
        }
    }

    private static FieldVector column(String type, int n, Random r, LeakCheckingAllocator a) {
        switch (type) {
            case "int32" -> {
                IntVector v = new IntVector("v", a.get());
                v.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    v.set(i, r.nextInt(20) - 10 + (i % 3 == 0 ? Integer.MIN_VALUE / 2 : 0));
                }
                v.setValueCount(n);
                return v;
            }
            case "int64" -> {
                BigIntVector v = new BigIntVector("v", a.get());
                v.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    v.set(i, i % 5 == 0 ? r.nextLong() >> 12 : r.nextInt(7)); // exact as doubles
                }
                v.setValueCount(n);
                return v;
            }
            case "float32" -> {
                Float4Vector v = new Float4Vector("v", a.get());
                v.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    v.set(i, (float) (r.nextInt(9) - 4) / 2);
                }
                v.setValueCount(n);
                return v;
            }
            default -> {
                Float8Vector v = new Float8Vector("v", a.get());
                v.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    v.set(i, (r.nextInt(9) - 4) / 4.0);
                }
                v.setValueCount(n);
                return v;
            }
        }
    }

    private static double value(FieldVector v, int i) {
        Object o = v.getObject(i);
        return ((Number) o).doubleValue();
    }
}
