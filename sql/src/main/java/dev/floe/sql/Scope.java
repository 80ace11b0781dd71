package dev.floe.sql;

import dev.floe.api.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns a SQL expression can name, and how each is called in the plan. One entry per
 * column of the FROM clause: its table qualifier (alias or table name, null for none), the SQL
 * name it is referred to by, and the {@code internal} name of the plan column holding it. Internal
 * names are the column names themselves unless two FROM items share one (a self-join of
 * {@code date_dim}, a join of two tables with a column {@code id}): then the later one is renamed
 * {@code qualifier.name}, so plans stay readable and no {@code right.} prefix reaches a result.
 *
 * <p>{@code outer} is the scope of the enclosing query for correlated subqueries; see
 * {@link Subqueries}.
 */
class Scope {

    /**
     * A column in scope; {@code hidden} ones (the right copy of a {@code USING} key) are found by
     * qualified names only and left out of {@code *}.
     */
    record Entry(String qualifier, String name, String internal, DataType type, boolean hidden) {
        String qualifiedName() {
            return qualifier == null ? name : qualifier + "." + name;
        }

        Entry hide() {
            return new Entry(qualifier, name, internal, type, true);
        }
    }

    private final List<Entry> entries;
    private final Scope outer;

    Scope(List<Entry> entries, Scope outer) {
        this.entries = List.copyOf(entries);
        this.outer = outer;
    }

    static Scope empty(Scope outer) {
        return new Scope(List.of(), outer);
    }

    List<Entry> entries() {
        return entries;
    }

    /** The enclosing query's scope, or null. */
    Scope outer() {
        return outer;
    }

    Scope withOuter(Scope newOuter) {
        return new Scope(entries, newOuter);
    }

    /**
     * The entries a reference matches in this scope (not the outer ones): by name, and by
     * qualifier when there is one; an unqualified name skips hidden entries.
     */
    List<Entry> matches(Identifier qualifier, Identifier name) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!name.matches(e.name())) {
                continue;
            }
            if (qualifier == null ? !e.hidden() : e.qualifier() != null && qualifier.matches(e.qualifier())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The columns {@code *} (qualifier null) or {@code t.*} stands for; empty when t is unknown. */
    List<Entry> star(Identifier qualifier) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (qualifier == null ? !e.hidden() : e.qualifier() != null && qualifier.matches(e.qualifier())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The names a user may write, for suggestions. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(e.qualifiedName());
        }
        return out;
    }

    /** The unqualified names (each once), for suggestions to unqualified references. */
    List<String> plainNames() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.hidden() && !out.contains(e.name())) {
                out.add(e.name());
            }
        }
        return out;
    }

    /** The plan columns in scope with their types, which function and operator typing read. */
    dev.floe.api.types.Schema schema() {
        List<dev.floe.api.types.Field> fields = new ArrayList<>();
        for (Entry e : entries) {
            if (e.type() != null) {
                fields.add(dev.floe.api.types.Field.of(e.internal(), e.type()));
            }
        }
        return dev.floe.api.types.Schema.of(fields.toArray(dev.floe.api.types.Field[]::new));
    }

    List<String> internalNames() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(e.internal());
        }
        return out;
    }
}
