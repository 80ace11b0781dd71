package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.types.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A bound FROM item: the DataFrame and the scope that names its columns. */
record Relation(DataFrame df, Scope scope) {

    /** A table, file or derived table whose columns keep their names, under {@code qualifier} (may be null). */
    static Relation of(DataFrame df, String qualifier, Scope outer) {
        List<Scope.Entry> entries = new ArrayList<>();
        for (Field f : df.schema().fields()) {
            entries.add(new Scope.Entry(qualifier, f.name(), f.name(), f.type(), false));
        }
        return new Relation(df, new Scope(entries, outer));
    }

    /**
     * This relation with the columns renamed that the left side of a join already has (to
     * {@code qualifier.name}, made unique), so both sides' columns can live in one row.
     */
    Relation distinctFrom(Relation left) {
        Set<String> taken = new HashSet<>(left.scope.internalNames());
        taken.addAll(scope.internalNames());
        List<Scope.Entry> entries = new ArrayList<>();
        List<Expression> projection = new ArrayList<>();
        boolean renamed = false;
        Set<String> leftNames = new HashSet<>(left.scope.internalNames());
        for (Scope.Entry e : scope.entries()) {
            if (!leftNames.contains(e.internal())) {
                entries.add(e);
                projection.add(Functions.col(e.internal()));
                continue;
            }
            String fresh = fresh(e.qualifier() == null ? e.name() : e.qualifier() + "." + e.name(), taken);
            taken.add(fresh);
            entries.add(new Scope.Entry(e.qualifier(), e.name(), fresh, e.type(), e.hidden()));
            projection.add(Functions.col(e.internal()).alias(fresh));
            renamed = true;
        }
        if (!renamed) {
            return this;
        }
        return new Relation(df.select(projection.toArray(Expression[]::new)), new Scope(entries, scope.outer()));
    }

    /** {@code base}, or {@code base_2}, {@code base_3}, ... whichever is not taken. */
    static String fresh(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int i = 2; ; i++) {
            String candidate = base + "_" + i;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
