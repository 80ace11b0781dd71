package dev.floe.translator.physical;

import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Coalesce;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.plan.Join;
import dev.floe.api.types.Schema;
import dev.floe.operators.blocking.JoinSpec;
import dev.floe.operators.blocking.JoinSpec.Mode;
import dev.floe.operators.step.ProjectSpec;
import dev.floe.operators.step.StepSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a join over its planned inputs. Strategy: BROADCAST (forced, or AUTO when a side the join type allows to broadcast
 * is estimated under the threshold) sends that side to every subtask of the other; otherwise
 * HASH partitions both sides on the keys. The build side is the broadcast side, or for hash joins
 * the smaller side where the join type allows. A projection after the join names the columns.
 *
 * <p>A join with a condition but no keys (a nested-loop join) broadcasts the side the join type
 * allows (the smaller one for INNER; an OUTER join runs in one task); its build side is bounded by
 * {@link #NESTED_LOOP_SETTING} at run time. An as-of join is always hashed on its {@code by} keys,
 * build right, and runs in one task without them.
 */
final class JoinPlanner {
    /** Sides estimated at most this large are broadcast under AUTO (Spark's default is 10 MiB). */
    static final long DEFAULT_BROADCAST_BYTES = 10L << 20;

    static final String NESTED_LOOP_SETTING = PhysicalPlanner.NESTED_LOOP_SETTING;
    static final long DEFAULT_NESTED_LOOP_BYTES = PhysicalPlanner.DEFAULT_NESTED_LOOP_BYTES;

    private JoinPlanner() {
    }

    static PhysicalNode plan(Join join, PhysicalNode left, PhysicalNode right, int parallelism, long broadcastBytes) {
        return plan(join, left, right, parallelism, broadcastBytes, DEFAULT_NESTED_LOOP_BYTES);
    }

    static PhysicalNode plan(Join join, PhysicalNode left, PhysicalNode right, int parallelism, long broadcastBytes,
            long nestedLoopBytes) {
        boolean keyless = join.leftOn().isEmpty();
        if (join.asof() != null) {
            // hashed on the by keys (one task without them); the right side is the sorted build
            JoinSpec spec = spec(join, right.schema(), left.schema(), false, Mode.PROBE_OUTER, nestedLoopBytes);
            return new HashJoinNode(right, left, spec, keyless ? 1 : parallelism, partitionedOn(join));
        }
        long leftSize = SizeEstimator.bytes(join.left());
        long rightSize = SizeEstimator.bytes(join.right());
        JoinType type = join.type();
        boolean canBroadcastRight = type != JoinType.RIGHT && type != JoinType.OUTER;
        boolean canBroadcastLeft = type == JoinType.INNER || type == JoinType.RIGHT;
        Boolean broadcastLeft = null;
        if (keyless || join.strategy() == JoinStrategy.BROADCAST) {
            if (canBroadcastRight && canBroadcastLeft) {
                broadcastLeft = leftSize < rightSize;
            } else if (canBroadcastRight) {
                broadcastLeft = false;
            } else if (canBroadcastLeft) {
                broadcastLeft = true;
            }
        } else if (join.strategy() == JoinStrategy.AUTO) {
            boolean smallRight = canBroadcastRight && rightSize <= broadcastBytes;
            boolean smallLeft = canBroadcastLeft && leftSize <= broadcastBytes;
            if (smallRight && smallLeft) {
                broadcastLeft = leftSize < rightSize;
            } else if (smallRight || smallLeft) {
                broadcastLeft = smallLeft;
            }
        }
        if (broadcastLeft != null) {
            PhysicalNode build = broadcastLeft ? left : right;
            PhysicalNode probe = broadcastLeft ? right : left;
            return new BroadcastJoinNode(probe, build,
                    spec(join, build.schema(), probe.schema(), broadcastLeft, mode(type, broadcastLeft), nestedLoopBytes));
        }
        // the build side is held in memory: take the smaller one where the join type allows either
        boolean buildIsLeft = (type == JoinType.INNER || type == JoinType.RIGHT) && leftSize < rightSize;
        PhysicalNode build = buildIsLeft ? left : right;
        PhysicalNode probe = buildIsLeft ? right : left;
        JoinSpec spec = spec(join, build.schema(), probe.schema(), buildIsLeft, mode(type, buildIsLeft), nestedLoopBytes);
        // without keys (a nested-loop OUTER join) every pair must meet in one task
        return new HashJoinNode(build, probe, spec, keyless ? 1 : parallelism, partitionedOn(join));
    }

    /**
     * The output columns every row of the hash join stays partitioned on, or null. A side's key
     * columns hold for every output row only when that side is never null-extended: the left keys
     * for INNER, LEFT, SEMI and ANTI, the right keys for RIGHT. Under OUTER a null-extended row
     * sits in the partition of its other side's key, so only merged keys ({@code coalesce(left,
     * right)}, whose value is the key the row was partitioned by) hold.
     */
    static List<String> partitionedOn(Join join) {
        boolean left = join.type() != JoinType.RIGHT;
        List<String> keys = Distribution.plainColumns(left ? join.leftOn() : join.rightOn());
        if (keys == null || keys.isEmpty()) {
            return null;
        }
        Schema side = (left ? join.left() : join.right()).schema();
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            int index = side.indexOf(key);
            if (index < 0) {
                return null;
            }
            String name = null;
            for (Join.Output o : join.outputs()) {
                boolean fromSide = left ? o.leftIndex() == index : o.rightIndex() == index;
                boolean merged = o.leftIndex() >= 0 && o.rightIndex() >= 0;
                if (fromSide && (join.type() != JoinType.OUTER || merged)) {
                    name = o.name();
                }
            }
            if (name == null) {
                return null;
            }
            out.add(name);
        }
        return out;
    }

    private static Mode mode(JoinType type, boolean buildIsLeft) {
        return switch (type) {
            case INNER -> Mode.INNER;
            case LEFT -> buildIsLeft ? Mode.BUILD_OUTER : Mode.PROBE_OUTER;
            case RIGHT -> buildIsLeft ? Mode.PROBE_OUTER : Mode.BUILD_OUTER;
            case OUTER -> Mode.FULL_OUTER;
            case SEMI -> Mode.SEMI;
            case ANTI -> Mode.ANTI;
        };
    }

    private static JoinSpec spec(Join join, Schema buildSchema, Schema probeSchema, boolean buildIsLeft, Mode mode,
            long nestedLoopBytes) {
        List<Expr> buildKeys = buildIsLeft ? join.leftOn() : join.rightOn();
        List<Expr> probeKeys = buildIsLeft ? join.rightOn() : join.leftOn();
        String describe = join.describe();
        if (join.asof() != null && join.leftOn().isEmpty()) {
            describe += " (one task: no by columns)";
        }
        Expr residual = join.condition() == null ? null : wideNames(join, join.condition());
        JoinSpec.Asof asof = join.asof() == null ? null : new JoinSpec.Asof(join.asof().leftOn(), join.asof().rightOn());
        JoinSpec bare = new JoinSpec(buildSchema, probeSchema, buildKeys, probeKeys, buildIsLeft, mode, List.of(),
                describe, residual, asof, nestedLoopBytes, NESTED_LOOP_SETTING);
        List<StepSpec> steps = new ArrayList<>();
        if (!mode.equals(Mode.SEMI) && !mode.equals(Mode.ANTI)) {
            ProjectSpec naming = naming(join, bare.joinedSchema());
            if (naming != null) {
                steps.add(naming);
            }
        }
        return bare.withSteps(steps);
    }

    /**
     * A condition over the join's pair names, over the wide batch's names (a right column keeps its
     * pair name unless {@link JoinSpec#wide} had to rename it).
     */
    private static Expr wideNames(Join join, Expr condition) {
        Schema left = join.left().schema();
        Schema pair = Join.pairSchema(left, join.right().schema());
        Schema wide = JoinSpec.wide(left, join.right().schema());
        return condition.transformUp(node -> {
            if (node instanceof Column c) {
                int index = pair.indexOf(c.name());
                return index < left.size() ? c : new Column(wide.field(index).name());
            }
            return node;
        });
    }

    /**
     * From the wide joined batch to the join's output columns (renames, merged keys); null when the
     * wide batch is the output already (every column kept under its own name, in order).
     */
    private static ProjectSpec naming(Join join, Schema wide) {
        Schema left = join.left().schema();
        List<Expr> exprs = new ArrayList<>();
        for (Join.Output o : join.outputs()) {
            Expr e;
            if (o.leftIndex() >= 0 && o.rightIndex() >= 0) {
                e = new Coalesce(List.of(new Column(left.field(o.leftIndex()).name()),
                        new Column(wide.field(left.size() + o.rightIndex()).name())));
            } else if (o.leftIndex() >= 0) {
                e = new Column(left.field(o.leftIndex()).name());
            } else {
                e = new Column(wide.field(left.size() + o.rightIndex()).name());
            }
            exprs.add(e.name().equals(o.name()) ? e : new Alias(e, o.name()));
        }
        boolean identity = wide.equals(join.schema());
        for (int i = 0; identity && i < exprs.size(); i++) {
            identity = exprs.get(i) instanceof Column c && c.name().equals(wide.field(i).name());
        }
        return identity ? null : new ProjectSpec(wide, exprs, join.schema());
    }
}
