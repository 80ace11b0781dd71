package dev.floe.arrow.kernels.agg;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The literal parameters of an aggregation, beside its input: {@code ddof} of STDDEV/VARIANCE
 * (1 = sample), the fractions of PERCENTILE/APPROX_PERCENTILE (one gives float64, several a
 * list(float64)), the separator of STRING_AGG, and whether FIRST/LAST skip nulls. Functions read
 * only their own parameter; the others keep their defaults.
 *
 * <pre>{@code
 * AggOptions.fractions(List.of(0.25, 0.75));     // percentile(x, 0.25, 0.75)
 * AggOptions.separator(", ");                    // stringAgg(", ")
 * }</pre>
 */
public record AggOptions(int ddof, List<Double> fractions, String separator, boolean ignoreNulls)
        implements Serializable {
    /** ddof 1, the median, "," and nulls kept. */
    public static final AggOptions DEFAULT = new AggOptions(1, List.of(0.5), ",", false);

    public AggOptions {
        if (ddof < 0) {
            throw new IllegalArgumentException("ddof must be >= 0, got " + ddof);
        }
        fractions = List.copyOf(fractions);
        if (fractions.isEmpty()) {
            throw new IllegalArgumentException("a percentile needs at least one fraction");
        }
        for (Double p : fractions) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("a percentile fraction must be in [0, 1], got " + p);
            }
        }
        Objects.requireNonNull(separator, "separator");
    }

    public static AggOptions ddof(int ddof) {
        return new AggOptions(ddof, DEFAULT.fractions, DEFAULT.separator, false);
    }

    public static AggOptions fractions(List<Double> fractions) {
        return new AggOptions(1, fractions, DEFAULT.separator, false);
    }

    public static AggOptions separator(String separator) {
        return new AggOptions(1, DEFAULT.fractions, separator, false);
    }

    public static AggOptions ignoreNulls(boolean ignoreNulls) {
        return new AggOptions(1, DEFAULT.fractions, DEFAULT.separator, ignoreNulls);
    }

    /** The fractions as a primitive array. */
    double[] fractionArray() {
        double[] out = new double[fractions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fractions.get(i);
        }
        return out;
    }
}
