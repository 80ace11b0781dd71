package dev.floe.translator.physical;

import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Alias;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.plan.Aggregate;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import dev.floe.operators.blocking.AggCall;
import dev.floe.operators.blocking.AggregateSpec;
import dev.floe.operators.blocking.AggregateSpec.Mode;
import dev.floe.operators.step.ProjectSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans an aggregation over its planned input. A projection first lays out the keys then the
 * aggregated values. When the input is already hash-partitioned on (a subset of) the keys, one
 * COMPLETE aggregate runs in place. Otherwise decomposable aggregations run PARTIAL where the
 * input is, then FINAL requires its rows hashed on the keys (gathered without keys); countDistinct
 * and aggList require the raw rows so and run COMPLETE. {@link EnforceDistribution} places the
 * exchange in between.
 */
final class AggregatePlanner {
    /** A partial aggregate emits and starts over past this many groups (its result stays correct). */
    static final long PARTIAL_FLUSH_GROUPS = 1 << 18;

    private AggregatePlanner() {
    }

    static PhysicalNode plan(Aggregate agg, PhysicalNode input, int parallelism) {
        Schema in = agg.input().schema();
        int numKeys = agg.keys().size();

        // keys, then one column per aggregated value, each named as the user wrote it where that
        // name is free, so that plan lines read hash(upper(name)) rather than hash(__k0)
        List<Expr> layout = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < numKeys; i++) {
            Expr key = agg.keys().get(i).unalias();
            layout.add(new Alias(key, readableName(key, "__k" + i, taken)));
        }
        List<AggCall> calls = new ArrayList<>();
        for (int i = 0; i < agg.aggs().size(); i++) {
            AggExpr a = agg.agg(i);
            if (a.child() == null) {
                calls.add(new AggCall(a.function(), -1, DataType.nullType(), a.options(), -1));
            } else {
                int column = layOut(layout, numKeys, a.child(), "__a" + i, taken);
                int second = a.second() == null ? -1 : layOut(layout, numKeys, a.second(), "__b" + i, taken);
                calls.add(new AggCall(a.function(), column, a.child().type(in), a.options(), second));
            }
        }
        List<Field> layoutFields = new ArrayList<>();
        for (Expr e : layout) {
            layoutFields.add(new Field(e.name(), e.type(in)));
        }
        Schema laidOut = new Schema(layoutFields);
        PhysicalNode laidOutRows = new StepNode(input, new ProjectSpec(in, layout, laidOut));
        String line = agg.describe();

        Partitioning inputPartitioning = input.outputPartitioning();
        List<String> hashed = inputPartitioning.hashedOn();
        if (hashed != null && inputPartitioning.partitions() == parallelism && numKeys > 0
                && keyColumns(agg).containsAll(hashed)) {
            return new StepNode(laidOutRows, new AggregateSpec(Mode.COMPLETE, laidOut, numKeys, calls, agg.schema(), 0,
                    line + " (complete, input already partitioned)"));
        }
        boolean decomposable = agg.aggs().stream().allMatch(e -> ((AggExpr) e.unalias()).function().decomposable());
        List<Expr> shuffleKeys = new ArrayList<>();
        for (int i = 0; i < numKeys; i++) {
            shuffleKeys.add(new Column(layout.get(i).name()));
        }
        Distribution byKeys = new Distribution.Hashed(shuffleKeys, numKeys == 0 ? 1 : parallelism);
        List<String> outputKeys = numKeys == 0 ? null : agg.schema().names().subList(0, numKeys);
        if (decomposable) {
            Schema partial = partialSchema(laidOut, numKeys, calls);
            PhysicalNode partials = new StepNode(laidOutRows, new AggregateSpec(Mode.PARTIAL, laidOut, numKeys, calls,
                    partial, PARTIAL_FLUSH_GROUPS, "Partial" + line));
            return new StepNode(partials, new AggregateSpec(Mode.FINAL, partial, numKeys, calls, agg.schema(), 0,
                    "Final" + line), byKeys, outputKeys);
        }
        return new StepNode(laidOutRows, new AggregateSpec(Mode.COMPLETE, laidOut, numKeys, calls, agg.schema(), 0,
                line), byKeys, outputKeys);
    }

    /** The laid-out column of an aggregated value; aggregations of the same expression read one column. */
    private static int layOut(List<Expr> layout, int numKeys, Expr value, String internal, Set<String> taken) {
        for (int j = numKeys; j < layout.size(); j++) {
            if (layout.get(j).unalias().equals(value)) {
                return j;
            }
        }
        layout.add(new Alias(value, readableName(value, internal, taken)));
        return layout.size() - 1;
    }

    /**
     * The laid-out column's name: the column's own name for a plain column, else the expression's
     * text ({@code upper(name)}); the internal name when another laid-out column has it already.
     */
    private static String readableName(Expr e, String internal, Set<String> taken) {
        String readable = e instanceof Column c ? c.name() : e.display();
        if (taken.add(readable)) {
            return readable;
        }
        taken.add(internal);
        return internal;
    }

    /** The group keys that are plain column references of the input. */
    private static List<String> keyColumns(Aggregate agg) {
        List<String> out = new ArrayList<>();
        for (Expr k : agg.keys()) {
            Expr e = k.unalias();
            if (e instanceof Column c && k.name().equals(c.name())) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** Keys, then each aggregation's state columns. */
    private static Schema partialSchema(Schema laidOut, int numKeys, List<AggCall> calls) {
        List<Field> fields = new ArrayList<>(laidOut.fields().subList(0, numKeys));
        for (int i = 0; i < calls.size(); i++) {
            List<DataType> states = AggregateSpec.stateTypes(calls.get(i));
            for (int j = 0; j < states.size(); j++) {
                fields.add(new Field("__s" + i + "_" + j, states.get(j)));
            }
        }
        return new Schema(fields);
    }
}
