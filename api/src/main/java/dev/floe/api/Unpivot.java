package dev.floe.api;

import dev.floe.api.expr.Cast;
import dev.floe.api.expr.Column;
import dev.floe.api.expr.Expr;
import dev.floe.api.expr.Literal;
import dev.floe.api.expr.Names;
import dev.floe.api.expr.TypeRules;
import dev.floe.api.plan.Expand;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code unpivot} / {@code melt} as one {@link Expand}: a projection per value column holds the
 * id columns, the value column's name as a string literal and its value cast to the common type.
 *
 * <pre>
 * Expand: 2 rows per row, variable = ['q1', 'q2'], value = [q1, CAST(q2 AS int64)]; keeps id
 *   Scan: t
 * </pre>
 */
final class Unpivot {
    private Unpivot() {
    }

    static LogicalPlan plan(LogicalPlan input, List<String> ids, List<String> values, String variableName,
            String valueName) {
        Schema in = input.schema();
        Set<String> idSet = new LinkedHashSet<>();
        for (String id : ids) {
            check(in, id);
            if (!idSet.add(id)) {
                throw new PlanException("unpivot lists id column '" + id + "' twice");
            }
        }
        List<String> valueColumns = new ArrayList<>();
        if (values.isEmpty()) {
            in.names().stream().filter(c -> !idSet.contains(c)).forEach(valueColumns::add);
        } else {
            for (String v : values) {
                check(in, v);
                if (idSet.contains(v) || valueColumns.contains(v)) {
                    throw new PlanException("unpivot lists column '" + v + "' twice (as an id or a value)");
                }
                valueColumns.add(v);
            }
        }
        if (valueColumns.isEmpty()) {
            throw new PlanException("unpivot has no value columns: every column is an id " + ids);
        }
        if (variableName.equals(valueName) || idSet.contains(variableName) || idSet.contains(valueName)) {
            throw new PlanException("unpivot's variable name '" + variableName + "' and value name '" + valueName
                    + "' must differ from each other and from the id columns " + ids);
        }
        DataType type = null;
        String first = null;
        for (String v : valueColumns) {
            DataType t = in.field(in.indexOf(v)).type();
            if (type == null) {
                type = t;
                first = v;
                continue;
            }
            try {
                type = TypeRules.commonType(new Column(v), type, t);
            } catch (PlanException e) {
                throw new PlanException("unpivot's value columns must coerce to one type, but '" + first + "' is " + type
                        + " and '" + v + "' is " + t + "; cast them first, e.g. withColumn(\"" + v + "\", col(\"" + v
                        + "\").cast(" + type + "))");
            }
        }
        List<String> names = new ArrayList<>(idSet);
        names.add(variableName);
        names.add(valueName);
        List<List<Expr>> projections = new ArrayList<>();
        for (String v : valueColumns) {
            List<Expr> p = new ArrayList<>();
            for (String id : idSet) {
                p.add(new Column(id));
            }
            p.add(new Literal(v, DataType.string()));
            DataType t = in.field(in.indexOf(v)).type();
            p.add(t.equals(type) ? new Column(v) : new Cast(new Column(v), type, false));
            projections.add(p);
        }
        return Expand.of(input, names, projections);
    }

    private static void check(Schema in, String column) {
        if (!in.contains(column)) {
            throw new PlanException(Names.unknownColumn(column, in.names()));
        }
    }
}
