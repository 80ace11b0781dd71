package dev.floe.api.optimizer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.DataFrame;
import dev.floe.api.JoinStrategy;
import dev.floe.api.JoinType;
import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Binary;
import dev.floe.api.expr.BinaryOp;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import dev.floe.api.optimizer.Optimizer;
import dev.floe.api.optimizer.OptimizerRule;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.PlanPrinter;
import dev.floe.api.plan.Scan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.api.testing.PlanOnly;
import dev.floe.arrow.kernels.agg.AggFunction;
import java.util.List;

/** Plan-snapshot assertions for one rule at a time, plus a small vocabulary for building plans. */
final class RuleTester {
    static final Schema SCHEMA = Schema.of(
            Field.of("a", DataType.int64()), Field.of("b", DataType.float64()),
            Field.of("c", DataType.string()), Field.of("d", DataType.date()));

    private RuleTester() {
    }

    static Scan scan() {
        return Scan.of(new InMemorySource("t", SCHEMA, List.of()));
    }

    /** A scan of an empty in-memory source named {@code name} whose columns are int64. */
    static Scan scan(String name, String... int64Columns) {
        Field[] fields = new Field[int64Columns.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = Field.of(int64Columns[i], DataType.int64());
        }
        return Scan.of(new InMemorySource(name, Schema.of(fields), List.of()));
    }

    /** A DataFrame over {@code plan}, to build test input with the builder users get; it cannot run. */
    static DataFrame frame(LogicalPlan plan) {
        return DataFrame.of(PlanOnly.INSTANCE, plan);
    }

    static Expr col(String name) {
        return new Column(name);
    }

    static Expr lit(long v) {
        return new Literal(v, DataType.int64());
    }

    static Expr gt(Expr l, Expr r) {
        return new Binary(BinaryOp.GT, l, r);
    }

    static Expr eq(Expr l, Expr r) {
        return new Binary(BinaryOp.EQ, l, r);
    }

    static Expr and(Expr... parts) {
        Expr out = parts[0];
        for (int i = 1; i < parts.length; i++) {
            out = new Binary(BinaryOp.AND, out, parts[i]);
        }
        return out;
    }

    static Expr add(Expr l, Expr r) {
        return new Binary(BinaryOp.ADD, l, r);
    }

    static Join join(LogicalPlan l, LogicalPlan r, String lk, String rk, JoinType type) {
        return Join.of(l, r, List.of(col(lk)), List.of(col(rk)), type, JoinStrategy.AUTO);
    }

    static Join cross(LogicalPlan l, LogicalPlan r) {
        return Join.of(l, r, List.of(), List.of(), JoinType.INNER, JoinStrategy.AUTO);
    }

    static Expr sum(String column, String name) {
        return new Alias(AggExpr.of(AggFunction.SUM, col(column)), name);
    }

    static void assertRewrites(OptimizerRule rule, LogicalPlan plan, String expected) {
        LogicalPlan out = Optimizer.applyEverywhere(rule, plan);
        String actual = PlanPrinter.print(out);
        assertThat(actual)
                .as("%s rewrote%n%s%ninto%n%s%nexpected%n%s", rule.name(), PlanPrinter.print(plan), actual, expected)
                .isEqualTo(expected);
        assertThat(out.schema()).isEqualTo(plan.schema());
    }

    static void assertDoesNotFire(OptimizerRule rule, LogicalPlan plan) {
        LogicalPlan out = Optimizer.applyEverywhere(rule, plan);
        assertThat(out).as("%s must leave%n%s", rule.name(), PlanPrinter.print(plan)).isSameAs(plan);
    }
}
