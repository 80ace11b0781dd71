package dev.floe.api;

import static dev.floe.api.Functions.col;
import static dev.floe.api.Functions.count;
import static dev.floe.api.Functions.lit;
import static dev.floe.api.Functions.when;

import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Names;
import dev.floe.api.expr.SortKey;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;
import dev.floe.api.types.DataType;
import dev.floe.arrow.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan of {@code DataFrame.describe}: one global aggregation computes every statistic of every
 * described column in one pass (one job), a cross join with the six statistic names turns its one
 * row into six, and each output column picks its statistic's value as a string. A statistic that
 * is not defined for a column's type (the mean of a string, the min of a list) is null.
 */
final class Describe {
    /** The statistics, in output row order. */
    static final List<String> STATISTICS = List.of("count", "null_count", "mean", "stddev", "min", "max");

    private Describe() {
    }

    static LogicalPlan plan(LogicalPlan input, String... columns) {
        List<String> described = columns.length == 0 ? input.schema().names() : List.of(columns);
        for (String c : described) {
            if (!input.schema().contains(c)) {
                throw new PlanException(Names.unknownColumn(c, input.schema().names()));
            }
        }
        List<Expr> aggs = new ArrayList<>();
        aggs.add(count().alias("__rows").node());
        // per column and statistic: the hidden aggregate column, or null when not defined for the type
        List<Map<String, Expression>> values = new ArrayList<>();
        for (int i = 0; i < described.size(); i++) {
            Expression c = col(described.get(i));
            Map<String, Expression> v = new LinkedHashMap<>();
            String cnt = addIfDefined(aggs, input, c.count(), "__count" + i);
            v.put("count", col(cnt));
            v.put("null_count", col("__rows").sub(col(cnt)));
            v.put("mean", orNull(addIfDefined(aggs, input, c.mean(), "__mean" + i)));
            v.put("stddev", orNull(addIfDefined(aggs, input, c.stddev(), "__stddev" + i)));
            v.put("min", orNull(addIfDefined(aggs, input, c.min(), "__min" + i)));
            v.put("max", orNull(addIfDefined(aggs, input, c.max(), "__max" + i)));
            values.add(v);
        }
        LogicalPlan stats = Aggregate.of(input, List.of(), aggs);
        LogicalPlan names = statisticNames();
        LogicalPlan rows = Join.of(stats, names, List.of(), List.of(), JoinType.INNER, JoinStrategy.AUTO);
        List<Expr> out = new ArrayList<>();
        out.add(new Column("statistic"));
        for (int i = 0; i < described.size(); i++) {
            Functions.Branch pick = null;
            for (String s : STATISTICS) {
                Expression value = values.get(i).get(s).cast(DataType.string());
                Expression isS = col("statistic").eq(s);
                pick = pick == null ? when(isS).then(value) : pick.when(isS).then(value);
            }
            out.add(pick.otherwise(lit(null).cast(DataType.string())).alias(described.get(i)).node());
        }
        out.add(new Column("__ord"));
        LogicalPlan ordered = new Sort(Project.of(rows, out), List.of(SortKey.of(new Column("__ord"))));
        List<Expr> visible = new ArrayList<>(out.subList(0, out.size() - 1));
        for (int i = 1; i < visible.size(); i++) {
            visible.set(i, new Column(described.get(i - 1)));
        }
        return Project.of(ordered, visible);
    }

    /** Adds the aggregation under {@code name} when the column's type allows it; its name or null. */
    private static String addIfDefined(List<Expr> aggs, LogicalPlan input, Expression agg, String name) {
        try {
            agg.node().type(input.schema());
        } catch (PlanException e) {
            return null;
        }
        aggs.add(agg.alias(name).node());
        return name;
    }

    private static Expression orNull(String column) {
        return column == null ? lit(null) : col(column);
    }

    /** Six rows: each statistic's name and its position. */
    private static LogicalPlan statisticNames() {
        Map<String, List<?>> columns = new LinkedHashMap<>();
        columns.put("statistic", STATISTICS);
        List<Integer> ord = new ArrayList<>();
        for (int i = 0; i < STATISTICS.size(); i++) {
            ord.add(i);
        }
        columns.put("__ord", ord);
        try (Table t = Table.fromColumns(new LinkedHashMap<>(columns))) {
            return Scan.of(DataFrame.inMemory("describe", t, 1));
        }
    }
}
