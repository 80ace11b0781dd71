package dev.floe.sql;

import dev.floe.api.PlanException;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;

/**
 * JSqlParser behind one call: a syntax error becomes one {@link PlanException} naming the
 * position and the unexpected token (JSqlParser's own message lists every token it could have
 * accepted, hundreds of lines).
 */
final class SqlParser {
    private SqlParser() {
    }

    /** The statement; a window refining a named one ({@code OVER (w ORDER BY x)}) is read through {@link WindowRefs}. */
    static Statement statement(String sql) {
        WindowRefs refs = WindowRefs.rewrite(sql);
        try {
            Statement s = CCJSqlParserUtil.parse(refs.text());
            if (refs.changed()) {
                refs.restore(firstToken(s));
            }
            return s;
        } catch (JSQLParserException e) {
            throw syntaxError(sql, e, refs);
        }
    }

    /** The statement's first token (of its query for CREATE VIEW), from which the parser's tokens are chained. */
    private static Token firstToken(Statement s) {
        Object node = s instanceof net.sf.jsqlparser.statement.create.view.CreateView v ? v.getSelect() : s;
        if (node instanceof net.sf.jsqlparser.parser.ASTNodeAccess access && access.getASTNode() != null) {
            return access.getASTNode().jjtGetFirstToken();
        }
        return null;
    }

    static Expression expression(String sql) {
        try {
            return CCJSqlParserUtil.parseExpression(sql, true);
        } catch (JSQLParserException e) {
            throw syntaxError(sql, e, null);
        }
    }

    private static PlanException syntaxError(String sql, JSQLParserException e, WindowRefs refs) {
        ParseException parse = parseException(e);
        if (parse != null && parse.currentToken != null && parse.currentToken.next != null) {
            Token bad = parse.currentToken.next;
            String token = bad.kind == 0 ? "the end of the text" : "'" + bad.image + "'";
            int column = refs == null ? bad.beginColumn : refs.column(bad.beginLine, bad.beginColumn);
            return new PlanException("SQL syntax error at " + bad.beginLine + ":" + column + ": unexpected "
                    + token + " in: " + line(sql, bad.beginLine).strip(), e);
        }
        return new PlanException("SQL syntax error: " + firstLine(e.getMessage()) + " in: " + sql.strip(), e);
    }

    private static ParseException parseException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ParseException p) {
                return p;
            }
        }
        return null;
    }

    private static String line(String sql, int line) {
        String[] lines = sql.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : sql;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable statement";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
