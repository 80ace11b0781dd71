package dev.floe.operators.blocking;

import dev.floe.api.expr.Expr;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.operators.step.StepSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A hash join as one Flink two-input operator runs it: the build input is consumed completely
 * into a hash table first, then probe batches stream through. The joined rows form a wide batch
 * (left columns, then right columns) that {@code steps} turn into the plan's output (naming,
 * merged keys, fused filters and projections).
 *
 * @param buildIsLeft whether the build input is the join's left side
 * @param mode        which unmatched rows survive, seen from probe and build
 * @param describe    the plan line, also the operator's name prefix
 * @param residual    null, or a boolean over {@link #wide} names that a key-equal pair must also satisfy
 *                    to match (without keys every pair is tested: a nested-loop join)
 * @param asof        null, or the as-of match: per probe row the key-equal build row with the greatest
 *                    build value at most the probe value
 * @param maxBuildBytes a keyless join with a residual or as-of match fails when its build side holds
 *                    more (0 = no limit); {@code setting} names where the user raises it
 */
public record JoinSpec(Schema buildSchema, Schema probeSchema, List<Expr> buildKeys, List<Expr> probeKeys,
        boolean buildIsLeft, Mode mode, List<StepSpec> steps, String describe, Expr residual, Asof asof,
        long maxBuildBytes, String setting) implements Serializable {

    /** The as-of expressions, over the probe and the build schema. */
    public record Asof(Expr probe, Expr build) implements Serializable {
    }

    /** A plain equi-join. */
    public JoinSpec(Schema buildSchema, Schema probeSchema, List<Expr> buildKeys, List<Expr> probeKeys,
            boolean buildIsLeft, Mode mode, List<StepSpec> steps, String describe) {
        this(buildSchema, probeSchema, buildKeys, probeKeys, buildIsLeft, mode, steps, describe, null, null, 0, null);
    }

    /** The same join with other steps after it. */
    public JoinSpec withSteps(List<StepSpec> newSteps) {
        return new JoinSpec(buildSchema, probeSchema, buildKeys, probeKeys, buildIsLeft, mode, newSteps, describe,
                residual, asof, maxBuildBytes, setting);
    }

    /** Rows kept beyond the matches. SEMI/ANTI keep probe rows only (the probe side is the left). */
    public enum Mode {
        INNER, PROBE_OUTER, BUILD_OUTER, FULL_OUTER, SEMI, ANTI;

        boolean keepsUnmatchedProbe() {
            return this == PROBE_OUTER || this == FULL_OUTER;
        }

        boolean keepsUnmatchedBuild() {
            return this == BUILD_OUTER || this == FULL_OUTER;
        }

        boolean filtersProbe() {
            return this == SEMI || this == ANTI;
        }
    }

    public JoinSpec {
        buildKeys = List.copyOf(buildKeys);
        probeKeys = List.copyOf(probeKeys);
        steps = List.copyOf(steps);
        if (asof != null && (buildIsLeft || (mode != Mode.PROBE_OUTER && mode != Mode.INNER))) {
            throw new IllegalArgumentException("an as-of join probes with the left side and keeps its rows");
        }
        if (mode.filtersProbe() && buildIsLeft) {
            throw new IllegalArgumentException("SEMI and ANTI joins probe with the left side");
        }
    }

    /** The wide batch the join produces before its steps: left columns then right columns (unique names). */
    public Schema joinedSchema() {
        Schema left = buildIsLeft ? buildSchema : probeSchema;
        Schema right = buildIsLeft ? probeSchema : buildSchema;
        if (mode.filtersProbe()) {
            return left;
        }
        return wide(left, right);
    }

    /**
     * Left fields keep their names; a right field keeps its name where no left field has it, is
     * {@code right.<name>} where one has (as {@code Join.pairSchema} names it), and is
     * {@code __right<i>} only where that name is taken too, so that plan lines show the user's
     * names ({@code Project: o_key, c_key}, not {@code __right0 AS c_key}).
     */
    public static Schema wide(Schema left, Schema right) {
        List<Field> fields = new ArrayList<>(left.fields());
        Set<String> taken = new HashSet<>(left.names());
        for (int i = 0; i < right.size(); i++) {
            String own = right.field(i).name();
            String name = taken.contains(own) ? "right." + own : own;
            if (name.startsWith(INTERNAL) || !taken.add(name)) {
                name = INTERNAL + i;
                while (!taken.add(name)) {
                    name += "_";
                }
            }
            fields.add(new Field(name, right.field(i).type()));
        }
        return new Schema(fields);
    }

    private static final String INTERNAL = "__right";

    public Schema outputSchema() {
        return steps.isEmpty() ? joinedSchema() : steps.get(steps.size() - 1).outputSchema();
    }
}
