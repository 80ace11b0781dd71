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
 */
final class JoinPlanner {
    /** Sides estimated at most this large are broadcast under AUTO (Spark's default is 10 MiB). */
    static final long DEFAULT_BROADCAST_BYTES = 10L << 20;

    private JoinPlanner() {
    }

    static PhysicalNode plan(Join join, PhysicalNode left, PhysicalNode right, int parallelism, long broadcastBytes) {
        long leftSize = SizeEstimator.bytes(join.left());
        long rightSize = SizeEstimator.bytes(join.right());
        JoinType type = join.type();
        boolean canBroadcastRight = type != JoinType.RIGHT && type != JoinType.OUTER;
        boolean canBroadcastLeft = type == JoinType.INNER || type == JoinType.RIGHT;
        Boolean broadcastLeft = null;
        if (join.isCross() || join.strategy() == JoinStrategy.BROADCAST) {
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
                    spec(join, build.schema(), probe.schema(), broadcastLeft, mode(type, broadcastLeft)));
        }
        // the build side is held in memory: take the smaller one where the join type allows either
        boolean buildIsLeft = (type == JoinType.INNER || type == JoinType.RIGHT) && leftSize < rightSize;
        PhysicalNode build = buildIsLeft ? left : right;
        PhysicalNode probe = buildIsLeft ? right : left;
        JoinSpec spec = spec(join, build.schema(), probe.schema(), buildIsLeft, mode(type, buildIsLeft));
        return new HashJoinNode(build, probe, spec, parallelism, partitionedOn(join));
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

    private static JoinSpec spec(Join join, Schema buildSchema, Schema probeSchema, boolean buildIsLeft, Mode mode) {
        List<Expr> buildKeys = buildIsLeft ? join.leftOn() : join.rightOn();
        List<Expr> probeKeys = buildIsLeft ? join.rightOn() : join.leftOn();
        JoinSpec bare = new JoinSpec(buildSchema, probeSchema, buildKeys, probeKeys, buildIsLeft, mode, List.of(),
                join.describe());
        List<StepSpec> steps = new ArrayList<>();
        if (!mode.equals(Mode.SEMI) && !mode.equals(Mode.ANTI)) {
            steps.add(naming(join, bare.joinedSchema()));
        }
        return new JoinSpec(buildSchema, probeSchema, buildKeys, probeKeys, buildIsLeft, mode, steps, join.describe());
    }

    /** From the wide joined batch to the join's output columns (renames, merged keys). */
    private static ProjectSpec naming(Join join, Schema wide) {
        Schema left = join.left().schema();
        List<Expr> exprs = new ArrayList<>();
        for (Join.Output o : join.outputs()) {
            Expr e;
            if (o.leftIndex() >= 0 && o.rightIndex() >= 0) {
                e = new Coalesce(List.of(new Column(left.field(o.leftIndex()).name()),
                        new Column(JoinSpec.rightName(o.rightIndex()))));
            } else if (o.leftIndex() >= 0) {
                e = new Column(left.field(o.leftIndex()).name());
            } else {
                e = new Column(JoinSpec.rightName(o.rightIndex()));
            }
            exprs.add(e.name().equals(o.name()) ? e : new Alias(e, o.name()));
        }
        return new ProjectSpec(wide, exprs, join.schema());
    }
}
