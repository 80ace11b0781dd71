package dev.floe.translator.physical;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.operators.exchange.HashSplitSpec;
import dev.floe.operators.exchange.RangeSpec;
import dev.floe.operators.exchange.RoundRobinSplitSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a node requires of one input's rows (DataFusion's {@code Distribution}): {@link
 * EnforceDistribution} places an exchange where the input's {@link Partitioning} does not satisfy
 * it, and {@link FuseStages} builds that exchange, with its split step fused into the stage below.
 */
public sealed interface Distribution {

    /** True when rows partitioned this way need no exchange. */
    boolean satisfiedBy(Partitioning input);

    /** The number of partitions after the requirement holds, given the input's. */
    int partitions(int inputPartitions);

    /** The exchange that establishes this distribution over a fused stage. */
    PhysicalPlan exchange(PhysicalPlan stage);

    /** The partitioning an exchange to this distribution leaves, given the input's number of partitions. */
    Partitioning output(int inputPartitions);

    /** Whatever the input has. */
    record Any() implements Distribution {
        @Override public boolean satisfiedBy(Partitioning input) { return true; }

        @Override public int partitions(int inputPartitions) { return inputPartitions; }

        @Override
        public PhysicalPlan exchange(PhysicalPlan stage) {
            throw new IllegalStateException("no exchange is needed for any distribution, below " + stage.describe());
        }

        @Override public Partitioning output(int inputPartitions) { return Partitioning.unknown(inputPartitions); }
    }

    /** All rows in one partition (a global limit or top-N). */
    record Single() implements Distribution {
        @Override public boolean satisfiedBy(Partitioning input) { return input.partitions() == 1; }

        @Override public int partitions(int inputPartitions) { return 1; }

        @Override public PhysicalPlan exchange(PhysicalPlan stage) { return new Exchange(stage, Exchange.Kind.GATHER, 1); }

        @Override public Partitioning output(int inputPartitions) { return Partitioning.unknown(1); }
    }

    /**
     * Rows with equal keys in the same of {@code n} partitions. Without keys (a global aggregation)
     * that is a gather to one partition.
     */
    record Hashed(List<Expr> keys, int n) implements Distribution {
        public Hashed {
            keys = List.copyOf(keys);
        }

        @Override
        public boolean satisfiedBy(Partitioning input) {
            return input.hashedOn() != null && input.partitions() == n && input.hashedOn().equals(plainColumns(keys));
        }

        @Override public int partitions(int inputPartitions) { return n; }

        @Override
        public PhysicalPlan exchange(PhysicalPlan stage) {
            if (keys.isEmpty()) {
                return new Exchange(stage, Exchange.Kind.GATHER, 1);
            }
            return new Exchange(Stages.append(stage, new HashSplitSpec(stage.schema(), keys, n)), Exchange.Kind.HASH, n,
                    keys.stream().map(Expr::display).collect(Collectors.joining(", ")));
        }

        @Override
        public String toString() {
            return "Hashed[" + keys.stream().map(Expr::display).collect(Collectors.joining(", ")) + " into " + n + "]";
        }

        /** Partitioned on the key columns when every key is one. */
        @Override
        public Partitioning output(int inputPartitions) {
            return new Partitioning(keys.isEmpty() ? null : plainColumns(keys), n);
        }
    }

    /** Whole batches spread evenly over {@code n} partitions (only where the user asks for it). */
    record RoundRobin(int n) implements Distribution {
        @Override public boolean satisfiedBy(Partitioning input) { return false; }

        @Override public int partitions(int inputPartitions) { return n; }

        @Override
        public PhysicalPlan exchange(PhysicalPlan stage) {
            return new Exchange(Stages.append(stage, new RoundRobinSplitSpec(stage.schema(), n)),
                    Exchange.Kind.ROUND_ROBIN, n);
        }

        @Override public Partitioning output(int inputPartitions) { return Partitioning.unknown(n); }
    }

    /** Every row in each of {@code n} partitions (a broadcast join's build side). */
    record Broadcast(int n) implements Distribution {
        @Override public boolean satisfiedBy(Partitioning input) { return false; }

        @Override public int partitions(int inputPartitions) { return n; }

        @Override public PhysicalPlan exchange(PhysicalPlan stage) { return new Exchange(stage, Exchange.Kind.BROADCAST, n); }

        @Override public Partitioning output(int inputPartitions) { return Partitioning.unknown(n); }
    }

    /** Partition i holds keys before partition i+1's (a global sort); one partition already is. */
    record Ranged(RangeSpec spec) implements Distribution {
        @Override public boolean satisfiedBy(Partitioning input) { return input.partitions() == 1; }

        @Override public int partitions(int inputPartitions) { return inputPartitions == 1 ? 1 : spec.numPartitions(); }

        @Override public PhysicalPlan exchange(PhysicalPlan stage) { return new RangeExchange(stage, spec); }

        @Override public Partitioning output(int inputPartitions) { return Partitioning.unknown(partitions(inputPartitions)); }
    }

    /** The column names when every key is a plain column reference, else null. */
    static List<String> plainColumns(List<Expr> keys) {
        List<String> names = new ArrayList<>();
        for (Expr k : keys) {
            if (!(k instanceof Column c)) {
                return null;
            }
            names.add(c.name());
        }
        return names;
    }
}
