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
 * An equi-join of two inputs ({@code leftOn[i] = rightOn[i]}, null never matches); no keys (and no
 * condition) is a cross join. A {@code condition} (may be null) is the rest of the match test: a pair
 * matches when its keys are equal and the condition is true, so for outer, SEMI and ANTI joins it
 * decides which rows count as matched (it is not a filter after the join). The condition reads the
 * columns of {@link #pairSchema}: the left names, then the right names with the prefix
 * {@code right.} where a left column has the name. An {@code asof} match (see {@link Asof}) picks
 * at most one right row per left row among the key-equal ones. With {@code mergeKeys} false (a
 * condition join) no right key is dropped from the output. Output: the left columns, then the right columns minus right keys that are plain
 * column references named like their left key (for OUTER that merged key is
 * {@code coalesce(left, right)}, for RIGHT the right value); right columns whose name is taken get
 * the prefix {@code right.}. SEMI and ANTI output only the left columns. Key types are coerced to a
 * common type by casts inside {@code leftOn}/{@code rightOn}.
 *
 * @param outputs where each output column comes from
 */
public record Join(LogicalPlan left, LogicalPlan right, List<Expr> leftOn, List<Expr> rightOn, JoinType type,
        JoinStrategy strategy, List<Output> outputs, Schema schema, Expr condition, Asof asof, boolean mergeKeys)
        implements LogicalPlan {

    /**
     * An as-of match: of the right rows whose keys equal the left row's, the one with the greatest
     * {@code rightOn <= leftOn} (nulls never match); a LEFT join, so a left row without one gets nulls.
     * Both expressions are coerced to one type, like keys.
     */
    public record Asof(Expr leftOn, Expr rightOn) implements java.io.Serializable {
    }

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
        return of(left, right, leftOn, rightOn, type, strategy, null, null, true);
    }

    /**
     * With a condition over {@link #pairSchema} beyond the keys (null for none), an as-of match (null
     * for none), and whether right keys named like their left key merge into it.
     */
    public static Join of(LogicalPlan left, LogicalPlan right, List<Expr> leftOn, List<Expr> rightOn, JoinType type,
            JoinStrategy strategy, Expr condition, Asof asof, boolean mergeKeys) {
        if (leftOn.size() != rightOn.size()) {
            throw new PlanException("join needs as many left keys as right keys, got " + leftOn.size() + " and "
                    + rightOn.size());
        }
        if (strategy == JoinStrategy.SORT_MERGE && type != JoinType.INNER) {
            throw new PlanException("JoinStrategy.SORT_MERGE supports INNER joins only, not " + type);
        }
        if (asof != null && type != JoinType.LEFT) {
            throw new PlanException("An as-of join is a LEFT join, not " + type);
        }
        if (leftOn.isEmpty() && type != JoinType.INNER && condition == null && asof == null) {
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
        if (condition != null) {
            ExprDepth.check(condition, "a join condition");
            if (AggExpr.containsAgg(condition)) {
                throw new PlanException("A join condition cannot contain an aggregation: " + condition.display());
            }
            if (dev.floe.api.expr.Nondeterministic.appearsIn(condition)) {
                // per pair of rows there is no partition or position to draw from (Spark refuses it too)
                throw new PlanException("A join condition cannot use rand, randn or monotonicallyIncreasingId(): "
                        + condition.display() + ". Compute the value into a column of one side first, e.g. "
                        + "left.withColumn(\"r\", rand(42)), and use that column in the condition.");
            }
            DataType ct = condition.type(pairSchema(ls, rs));
            if (ct.kind() != DataType.Kind.BOOL && ct.kind() != DataType.Kind.NULL) {
                throw new PlanException("A join condition must be boolean, but " + condition.display() + " is " + ct
                        + ". Compare columns of the two sides, e.g. col(\"a\").lt(col(\"right.a\")).");
            }
        }
        Asof resolvedAsof = asof == null ? null : resolveAsof(asof, ls, rs);
        List<Output> outputs = outputs(ls, rs, mergeKeys ? leftOn : List.of(), mergeKeys ? rightOn : List.of(), type);
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
        return new Join(left, right, lk, rk, type, strategy, outputs, new Schema(fields), condition, resolvedAsof,
                mergeKeys);
    }

    private static Asof resolveAsof(Asof asof, Schema ls, Schema rs) {
        Expr l = asof.leftOn();
        Expr r = asof.rightOn();
        DataType lt = l.type(ls);
        DataType rt = r.type(rs);
        DataType common;
        try {
            common = TypeRules.commonType(l, lt, rt);
        } catch (PlanException e) {
            throw new PlanException("As-of keys " + l.display() + " (" + lt + ") and " + r.display() + " (" + rt
                    + ") have no common type; cast one of them");
        }
        if (common.isNested() || common.kind() == DataType.Kind.NULL) {
            throw new PlanException("Cannot order as-of keys " + l.display() + " of type " + common
                    + "; use a number, date, timestamp or string");
        }
        return new Asof(lt.equals(common) ? l : new Cast(l, common, false), rt.equals(common) ? r : new Cast(r, common, false));
    }

    /**
     * The columns a join condition reads: the left input's fields, then the right input's, a right
     * name prefixed with {@code right.} where the left has that name (a cross join's output).
     */
    public static Schema pairSchema(Schema left, Schema right) {
        List<Field> fields = new ArrayList<>(left.fields());
        Set<String> names = new HashSet<>(left.names());
        for (Field f : right.fields()) {
            String name = names.contains(f.name()) ? "right." + f.name() : f.name();
            if (!names.add(name)) {
                throw new PlanException("Both sides of the join have a column '" + name + "'; rename one side's column"
                        + " with withColumnRenamed before joining");
            }
            fields.add(new Field(name, f.type()));
        }
        return new Schema(fields);
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

    /** True for a join without keys, condition or as-of match (cartesian product). */
    public boolean isCross() {
        return leftOn.isEmpty() && condition == null && asof == null;
    }

    @Override public List<LogicalPlan> children() { return List.of(left, right); }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return of(children.get(0), children.get(1), leftOn, rightOn, type, strategy, condition, asof, mergeKeys);
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
        if (asof != null) {
            return "AsofJoin: " + type + (on.isEmpty() ? "" : " by " + on) + " on " + asof.leftOn().display() + " >= "
                    + asof.rightOn().display();
        }
        if (condition != null) {
            on.append(on.isEmpty() ? "" : " AND ").append(condition.display());
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
        if (asof != null) {
            leftRequired.addAll(asof.leftOn().columnRefs());
            rightRequired.addAll(asof.rightOn().columnRefs());
        }
        Set<String> conditionRight = new java.util.LinkedHashSet<>();
        if (condition != null) {
            int leftSize = left.schema().size();
            Schema pair = pairSchema(left.schema(), right.schema());
            for (String name : condition.columnRefs()) {
                int index = pair.indexOf(name);
                if (index < leftSize) {
                    leftRequired.add(name);
                } else {
                    String rightName = right.schema().field(index - leftSize).name();
                    conditionRight.add(rightName);
                    if (!rightName.equals(name)) {
                        leftRequired.add(rightName); // keeps the prefix the condition reads
                    }
                }
            }
            rightRequired.addAll(conditionRight);
        }
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
            rightRequired.addAll(conditionRight);
        }
        return List.of(leftRequired, rightRequired);
    }

    @Override public long estimateBytes(List<Long> inputBytes) { return SizeEstimates.plus(inputBytes.get(0), inputBytes.get(1)); }
}
