package dev.floe.api.plan;

import dev.floe.api.PlanException;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A random sample of the rows: without replacement each row is kept with probability
 * {@code fraction} (Bernoulli), with replacement each row appears a Poisson({@code fraction})
 * number of times, as Spark samples. The random draw of a row is a hash of its values and the
 * seed, so the same seed gives the same sample at any parallelism and in any row order; equal rows
 * get equal draws (see {@code DataFrame.sample}).
 */
public record Sample(LogicalPlan input, double fraction, boolean withReplacement, long seed) implements LogicalPlan {
    public Sample {
        Objects.requireNonNull(input, "input");
        if (!(fraction >= 0) || Double.isInfinite(fraction) || !withReplacement && fraction > 1) {
            throw new PlanException("sample fraction must be in [0, 1] without replacement and >= 0 with replacement,"
                    + " got " + fraction);
        }
    }

    @Override public Schema schema() { return input.schema(); }

    @Override public List<LogicalPlan> children() { return List.of(input); }

    @Override public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Sample(children.get(0), fraction, withReplacement, seed);
    }

    @Override
    public String describe() {
        return "Sample: " + fraction + (withReplacement ? " with replacement" : "") + ", seed " + seed;
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitSample(this); }

    @Override public boolean maintainsInputOrder() { return true; }

    @Override public boolean establishesOrder() { return false; }

    /** The draw hashes every column of the row, so pruning stops here. */
    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        return List.of(new java.util.LinkedHashSet<>(input.schema().names()));
    }

    @Override
    public long estimateBytes(List<Long> inputBytes) {
        return (long) Math.min(SizeEstimates.UNKNOWN, inputBytes.get(0) * Math.max(fraction, 0.01) * 2);
    }
}
