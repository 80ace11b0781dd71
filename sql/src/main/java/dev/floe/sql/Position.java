package dev.floe.sql;

import net.sf.jsqlparser.parser.ASTNodeAccess;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.parser.Token;

/** A line and column (both from 1) in the SQL text, printed {@code line:column}. */
record Position(int line, int column) {
    static final Position UNKNOWN = new Position(0, 0);

    /** Where the parser saw a node (column references, tables, function calls carry it), or UNKNOWN. */
    static Position of(Object node) {
        if (node instanceof ASTNodeAccess access) {
            SimpleNode ast = access.getASTNode();
            if (ast != null && ast.jjtGetFirstToken() != null) {
                Token t = ast.jjtGetFirstToken();
                return new Position(t.beginLine, t.beginColumn);
            }
        }
        return UNKNOWN;
    }

    /** {@code " at 1:8"}, or nothing when unknown. */
    String at() {
        return line == 0 ? "" : " at " + line + ":" + column;
    }

    /** {@code "line:column"}, or null when unknown (what the function registry takes). */
    String text() {
        return line == 0 ? null : toString();
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
