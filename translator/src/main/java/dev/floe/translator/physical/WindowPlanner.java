package dev.floe.translator.physical;

import dev.floe.api.expr.AggExpr;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.SortKey;
import dev.floe.api.expr.WindowExpr;
import dev.floe.api.expr.WindowFunction;
import dev.floe.api.plan.Window;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import dev.floe.operators.blocking.SortSpec;
import dev.floe.operators.blocking.WindowCall;
import dev.floe.operators.blocking.WindowSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a {@link Window} node: its rows hashed on the partition keys (all rows in one partition
 * without keys, which the plan line says), sorted by the partition keys then the order keys with
 * the sort that spills past its budget, then one {@link WindowSpec} step that evaluates every
 * function in one pass over each partition.
 */
final class WindowPlanner {
    private WindowPlanner() {
    }

    static PhysicalNode plan(Window w, PhysicalNode input, int parallelism) {
        Schema in = w.input().schema();
        List<Expr> hashKeys = new ArrayList<>(w.partitionBy());
        List<SortKey> sortKeys = new ArrayList<>();
        List<Integer> partitionColumns = new ArrayList<>();
        for (Column c : w.partitionBy()) {
            sortKeys.add(SortKey.of(c));
            partitionColumns.add(in.indexOf(c.name()));
        }
        List<Integer> orderColumns = new ArrayList<>();
        for (SortKey k : w.orderBy()) {
            sortKeys.add(k);
            orderColumns.add(in.indexOf(((Column) k.child()).name()));
        }
        List<WindowCall> calls = new ArrayList<>();
        for (int i = 0; i < w.functions().size(); i++) {
            calls.add(call(w.function(i), in, w.schema().field(in.size() + i).type()));
        }
        boolean single = hashKeys.isEmpty();
        Distribution rows = single ? new Distribution.Single() : new Distribution.Hashed(hashKeys, parallelism);
        List<String> hashedOn = single ? null : w.partitionBy().stream().map(Column::name).toList();
        PhysicalNode placed = sortKeys.isEmpty()
                ? input
                : new StepNode(input, new SortSpec(in, sortKeys, null), rows, hashedOn);
        String line = w.describe() + (single ? " (no partitionBy: one task)" : "");
        WindowSpec spec = new WindowSpec(in, partitionColumns, orderColumns, SortSpec.orders(w.orderBy()), calls,
                w.schema(), line);
        return sortKeys.isEmpty() ? new StepNode(placed, spec, rows, null) : new StepNode(placed, spec);
    }

    private static WindowCall call(WindowExpr e, Schema in, DataType out) {
        if (e.function() instanceof AggExpr a) {
            int input = a.child() == null ? -1 : in.indexOf(((Column) a.child()).name());
            return new WindowCall(null, a, input, -1, 0, e.effectiveFrame(),
                    input < 0 ? null : in.field(input).type(), out);
        }
        WindowFunction f = (WindowFunction) e.function();
        int input = f.input() == null ? -1 : in.indexOf(((Column) f.input()).name());
        int dflt = f.defaultValue() == null ? -1 : in.indexOf(((Column) f.defaultValue()).name());
        return new WindowCall(f.op(), null, input, dflt, f.param(), e.effectiveFrame(),
                input < 0 ? null : in.field(input).type(), out);
    }
}
