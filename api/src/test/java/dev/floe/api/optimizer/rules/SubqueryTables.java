package dev.floe.api.optimizer.rules;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Subqueries;
import dev.floe.api.plan.InMemorySource;
import dev.floe.api.plan.Scan;
import dev.floe.api.testing.PlanOnly;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Field;
import dev.floe.api.types.Schema;
import java.util.List;

/** Two int64 tables for the decorrelation rules' snapshots: o(ok, oc) and l(lk, lq, lc). */
final class SubqueryTables {
    static final DataFrame O = table("o", "ok", "oc");
    static final DataFrame L = table("l", "lk", "lq", "lc");
    static final Expression OK = Subqueries.outer("ok", DataType.int64());
    static final Expression OC = Subqueries.outer("oc", DataType.int64());

    private SubqueryTables() {
    }

    static DataFrame table(String name, String... cols) {
        Field[] f = new Field[cols.length];
        for (int i = 0; i < cols.length; i++) {
            f[i] = Field.of(cols[i], DataType.int64());
        }
        return DataFrame.of(PlanOnly.INSTANCE, Scan.of(new InMemorySource(name, Schema.of(f), List.of())));
    }
}
