package dev.floe.sql;

import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.schema.Column;

/** Finds where a column is written inside an expression, to point an error at it. */
final class ColumnFinder extends ExpressionVisitorAdapter<Void> {
    private final Scope.Entry entry;
    private Column found;

    private ColumnFinder(Scope.Entry entry) {
        this.entry = entry;
    }

    /** The position of the first reference to {@code entry} in {@code node}, or of the node itself. */
    static Position find(net.sf.jsqlparser.expression.Expression node, Scope.Entry entry) {
        if (node == null) {
            return Position.UNKNOWN;
        }
        ColumnFinder finder = new ColumnFinder(entry);
        try {
            node.accept(finder, null);
        } catch (RuntimeException e) {
            return Position.of(node); // a node kind the adapter does not walk: point at the node
        }
        return finder.found != null ? Position.of(finder.found) : Position.of(node);
    }

    @Override
    public <S> Void visit(Column column, S context) {
        if (found == null && Identifier.of(column.getColumnName()).matches(entry.name())) {
            found = column;
        }
        return null;
    }
}
