package dev.floe.sql;

import dev.floe.api.DataFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What binding one statement may read: the session catalog, the tables passed with the query,
 * the CTEs of the enclosing {@code WITH} clauses (innermost first) and the file readers.
 */
final class QueryContext {
    private final SqlCatalog catalog;
    private final Map<String, DataFrame> given;
    private final SqlSources sources;
    private final QueryContext parent;
    private final Map<String, DataFrame> ctes = new LinkedHashMap<>();

    QueryContext(SqlCatalog catalog, Map<String, DataFrame> given, SqlSources sources) {
        this(catalog, given, sources, null);
    }

    private QueryContext(SqlCatalog catalog, Map<String, DataFrame> given, SqlSources sources, QueryContext parent) {
        this.catalog = catalog;
        this.given = given;
        this.sources = sources;
        this.parent = parent;
    }

    /** A context for a query with its own {@code WITH} clause, seeing this one's CTEs. */
    QueryContext child() {
        return new QueryContext(catalog, given, sources, this);
    }

    void defineCte(String name, DataFrame df) {
        ctes.put(name, df);
    }

    SqlSources sources() {
        return sources;
    }

    SqlCatalog catalog() {
        return catalog;
    }

    /** The CTE, query table or catalog table of that name, in this order; null when none. */
    DataFrame table(Identifier name) {
        for (QueryContext c = this; c != null; c = c.parent) {
            for (Map.Entry<String, DataFrame> e : c.ctes.entrySet()) {
                if (name.matches(e.getKey())) {
                    return e.getValue();
                }
            }
        }
        for (Map.Entry<String, DataFrame> e : given.entrySet()) {
            if (name.matches(e.getKey())) {
                return e.getValue();
            }
        }
        return catalog.lookup(name);
    }

    /** Every table name visible, for suggestions. */
    List<String> tableNames() {
        List<String> out = new ArrayList<>();
        for (QueryContext c = this; c != null; c = c.parent) {
            out.addAll(c.ctes.keySet());
        }
        out.addAll(given.keySet());
        out.addAll(catalog.tables());
        return out;
    }
}
