package dev.floe.api.plan;

import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.PlanException;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.ExprDepth;
import dev.floe.api.expr.TypeRules;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An equi-join of two inputs ({@code leftOn[i] = rightOn[i]}, null never matches); no keys is a
 * cross join. Output: the left columns, then the right columns minus right keys that are plain
 * column references named like their left key (for OUTER that merged key is
 * {@code coalesce(left, right)}, for RIGHT the right value); right columns whose name is taken get
 * the prefix {@code right.}. SEMI and ANTI output only the left columns. Key types are coerced to a
 * common type by casts inside {@code leftOn}/{@code rightOn}.
 *
 * @param outputs where each output column comes from
 */
public record Join(LogicalPlan left, LogicalPlan right, List<Expr> leftOn, List<Expr> rightOn, JoinType type,
        JoinStrategy strategy, List<Output> outputs, Schema schema) implements LogicalPlan {

    /**
     * One output column: {@code leftIndex} into the left input's columns, {@code rightIndex} into the
     * right's, -1 when absent; both set means coalesce(left, right) (a merged OUTER key).
     */
    public record Output(String name, int leftIndex, int rightIndex) implements java.io.Serializable {
    }

    public Join {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        leftOn = List.copyOf(leftOn);
        rightOn = List.copyOf(rightOn);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(strategy, "strategy");
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(schema, "schema");
    }

    /** Resolves the keys (coercing their types) and the output columns. */
    public static Join of(LogicalPlan left, LogicalPlan right, List<Expr> leftOn, List<Expr> rightOn, JoinType type,
            JoinStrategy strategy) {
        if (leftOn.size() != rightOn.size()) {
            throw new PlanException("join needs as many left keys as right keys, got " + leftOn.size() + " and "
                    + rightOn.size());
        }
        if (strategy == JoinStrategy.SORT_MERGE && type != JoinType.INNER) {
            throw new PlanException("JoinStrategy.SORT_MERGE supports INNER joins only, not " + type);
        }
        if (leftOn.isEmpty() && type != JoinType.INNER) {
            throw new PlanException(type + " join needs at least one key; use crossJoin for a cartesian product");
        }
        Schema ls = left.schema();
        Schema rs = right.schema();
        List<Expr> lk = new ArrayList<>();
        List<Expr> rk = new ArrayList<>();
        for (int i = 0; i < leftOn.size(); i++) {
            Expr l = leftOn.get(i);
            Expr r = rightOn.get(i);
            ExprDepth.check(l, "a left join key");
            ExprDepth.check(r, "a right join key");
            if (AggExpr.containsAgg(l) || AggExpr.containsAgg(r)) {
                throw new PlanException("A join key cannot be an aggregation: " + l.display() + " = " + r.display());
            }
            DataType lt = l.type(ls);
            DataType rt = r.type(rs);
            DataType common;
            try {
                common = TypeRules.commonType(l, lt, rt);
            } catch (PlanException e) {
                throw new PlanException("Join keys " + l.display() + " (" + lt + ") and " + r.display() + " (" + rt
                        + ") have no common type; cast one of them");
            }
            if (common.isNested()) {
                throw new PlanException("Cannot join on " + l.display() + " of type " + common);
            }
            lk.add(lt.equals(common) ? l : new Cast(l, common, false));
            rk.add(rt.equals(common) ? r : new Cast(r, common, false));
        }
        List<Output> outputs = outputs(ls, rs, leftOn, rightOn, type);
        List<Field> fields = new ArrayList<>();
        for (Output o : outputs) {
            DataType t;
            if (o.leftIndex >= 0 && o.rightIndex >= 0) {
                t = lk.get(keyIndexOf(lk, ls.field(o.leftIndex).name())).type(ls);
            } else if (o.leftIndex >= 0) {
                t = ls.field(o.leftIndex).type();
            } else {
                t = rs.field(o.rightIndex).type();
            }
            fields.add(new Field(o.name, t));
        }
        return new Join(left, right, lk, rk, type, strategy, outputs, new Schema(fields));
    }

    private static int keyIndexOf(List<Expr> keys, String column) {
        for (int i = 0; i < keys.size(); i++) {
            Column c = plainColumn(keys.get(i));
            if (c != null && c.name().equals(column)) {
                return i;
            }
        }
        throw new IllegalStateException(column);
    }

    private static List<Output> outputs(Schema ls, Schema rs, List<Expr> leftOn, List<Expr> rightOn, JoinType type) {
        List<Output> out = new ArrayList<>();
        if (type == JoinType.SEMI || type == JoinType.ANTI) {
            for (int i = 0; i < ls.size(); i++) {
                out.add(new Output(ls.field(i).name(), i, -1));
            }
            return out;
        }
        // right key columns that merge into their same-named left key
        int[] mergedInto = new int[rs.size()];
        java.util.Arrays.fill(mergedInto, -1);
        for (int i = 0; i < leftOn.size(); i++) {
            Column l = plainColumn(leftOn.get(i));
            Column r = plainColumn(rightOn.get(i));
            if (l != null && r != null && l.name().equals(r.name())) {
                mergedInto[rs.indexOf(r.name())] = ls.indexOf(l.name());
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ls.size(); i++) {
            int merged = -1;
            for (int j = 0; j < rs.size(); j++) {
                if (mergedInto[j] == i) {
                    merged = j;
                }
            }
            String name = ls.field(i).name();
            names.add(name);
            if (merged < 0 || type == JoinType.INNER || type == JoinType.LEFT) {
                out.add(new Output(name, i, -1));
            } else if (type == JoinType.RIGHT) {
                out.add(new Output(name, -1, merged));
            } else {
                out.add(new Output(name, i, merged));
            }
        }
        for (int j = 0; j < rs.size(); j++) {
            if (mergedInto[j] >= 0) {
                continue;
            }
            String name = rs.field(j).name();
            if (names.contains(name)) {
                name = "right." + name;
            }
            if (!names.add(name)) {
                throw new PlanException("Join output would have column '" + name + "' twice; rename one side's column"
                        + " with withColumnRenamed before joining");
            }
            out.add(new Output(name, -1, j));
        }
        return out;
    }

    /** The column a key reads when it is a plain reference (possibly under the coercion cast). */
    static Column plainColumn(Expr key) {
        Expr e = key instanceof Cast c && !c.lenient() ? c.child() : key;
        return e instanceof Column col ? col : null;
    }

    /** True for a join without keys (cartesian product). */
    public boolean isCross() {
        return leftOn.isEmpty();
    }

    @Override public List<LogicalPlan> children() { return List.of(left, right); }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return of(children.get(0), children.get(1), leftOn, rightOn, type, strategy);
    }

    @Override
    public String describe() {
        if (isCross()) {
            return "CrossJoin";
        }
        StringBuilder on = new StringBuilder();
        for (int i = 0; i < leftOn.size(); i++) {
            if (i > 0) {
                on.append(" AND ");
            }
            on.append(leftOn.get(i).display()).append(" = ").append(rightOn.get(i).display());
        }
        return "Join: " + type + " on " + on + (strategy == JoinStrategy.AUTO ? "" : " strategy=" + strategy);
    }

    static String list(List<Expr> es) {
        return es.stream().map(Expr::display).collect(Collectors.joining(", "));
    }

    @Override public <R> R accept(LogicalPlanVisitor<R> visitor) { return visitor.visitJoin(this); }

    @Override public boolean maintainsInputOrder() { return false; }

    @Override public boolean establishesOrder() { return false; }

    /**
     * From each input: the keys, and the input columns behind the required outputs. An input column
     * whose name makes a right column print as {@code "right.x"} stays, so the name does not change.
     * SEMI and ANTI joins read only the right keys.
     */
    @Override
    public List<Set<String>> requiredColumns(Set<String> outputColumns) {
        Set<String> leftRequired = Columns.readBy(leftOn);
        Set<String> rightRequired = Columns.readBy(rightOn);
        for (Output o : outputs) {
            if (!outputColumns.contains(o.name())) {
                continue;
            }
            if (o.leftIndex() >= 0) {
                leftRequired.add(left.schema().field(o.leftIndex()).name());
            }
            if (o.rightIndex() >= 0) {
                String name = right.schema().field(o.rightIndex()).name();
                rightRequired.add(name);
                if (!name.equals(o.name()) && left.schema().contains(name)) {
                    leftRequired.add(name);
                }
            }
        }
        if (type == JoinType.SEMI || type == JoinType.ANTI) {
            rightRequired = Columns.readBy(rightOn);
        }
        return List.of(leftRequired, rightRequired);
    }

    @Override public long estimateBytes(List<Long> inputBytes) { return SizeEstimates.plus(inputBytes.get(0), inputBytes.get(1)); }
}
