package dev.floe.sql;

/**
 * A SQL name as written: unquoted names match ignoring case, double-quoted ones exactly (SQL
 * standard, PostgreSQL and DuckDB); {@code text} is without the quotes.
 */
record Identifier(String text, boolean quoted) {

    /** Reads a name as the parser gives it, with its quotes if it had any. */
    static Identifier of(String raw) {
        if (raw.length() >= 2 && (raw.startsWith("\"") && raw.endsWith("\"") || raw.startsWith("`") && raw.endsWith("`"))) {
            String quote = raw.substring(0, 1);
            return new Identifier(raw.substring(1, raw.length() - 1).replace(quote + quote, quote), true);
        }
        return new Identifier(raw, false);
    }

    boolean matches(String name) {
        return quoted ? text.equals(name) : text.equalsIgnoreCase(name);
    }

    @Override
    public String toString() {
        return text;
    }
}
