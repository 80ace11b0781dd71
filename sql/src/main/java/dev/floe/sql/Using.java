package dev.floe.sql;

import dev.floe.api.DataFrame;
import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.JoinType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code JOIN ... USING (k)} and {@code NATURAL JOIN}: an equi-join on the named columns, after
 * which an unqualified {@code k} and {@code *} see one column {@code k} (first in {@code *}, as
 * SQL says): the left one, the right one for a RIGHT join, and the first non-null of the two for
 * a FULL join. Qualified names ({@code a.k}, {@code b.k}) still reach both sides.
 */
final class Using {
    private Using() {
    }

    static Relation join(Relation left, Relation right, List<String> names, JoinType type, Scope outer) {
        if (names.isEmpty()) {
            return new Relation(left.df().crossJoin(right.df()), FromBinder.combined(left, right));
        }
        List<Scope.Entry> ls = new ArrayList<>();
        List<Scope.Entry> rs = new ArrayList<>();
        Expression on = null;
        for (String n : names) {
            Scope.Entry l = one(left.scope(), n);
            Scope.Entry r = one(right.scope(), n);
            ls.add(l);
            rs.add(r);
            Expression eq = Functions.col(l.internal()).eq(Functions.col(r.internal()));
            on = on == null ? eq : on.and(eq);
        }
        DataFrame df = left.df().join(right.df(), on, type);
        List<Scope.Entry> merged = new ArrayList<>();
        List<Scope.Entry> rest = new ArrayList<>();
        Set<String> taken = new HashSet<>(df.columnNames());
        for (int i = 0; i < names.size(); i++) {
            Scope.Entry l = ls.get(i);
            Scope.Entry r = rs.get(i);
            if (type == JoinType.OUTER) {
                String fresh = Relation.fresh(l.name(), taken);
                taken.add(fresh);
                df = df.withColumn(fresh, Functions.coalesce(Functions.col(l.internal()), Functions.col(r.internal())));
                merged.add(new Scope.Entry(null, l.name(), fresh, l.type(), false));
            } else {
                merged.add(type == JoinType.RIGHT ? r : l);
            }
        }
        for (Scope.Entry e : left.scope().entries()) {
            rest.add(ls.contains(e) ? e.hide() : e);
        }
        for (Scope.Entry e : right.scope().entries()) {
            rest.add(rs.contains(e) ? e.hide() : e);
        }
        List<Scope.Entry> entries = new ArrayList<>();
        for (Scope.Entry m : merged) {
            if (type != JoinType.OUTER) {
                rest.remove(m.hide());
            }
            entries.add(m);
        }
        entries.addAll(rest);
        return new Relation(df, new Scope(entries, outer));
    }

    private static Scope.Entry one(Scope scope, String name) {
        List<Scope.Entry> found = scope.matches(null, Identifier.of(name));
        if (found.size() != 1) {
            throw found.isEmpty() ? SqlErrors.unknownColumn(name, Position.UNKNOWN, scope.plainNames(), scope.names())
                    : SqlErrors.ambiguousColumn(name, Position.UNKNOWN, List.of(found.get(0).qualifiedName(),
                            found.get(1).qualifiedName()));
        }
        return found.get(0);
    }
}
