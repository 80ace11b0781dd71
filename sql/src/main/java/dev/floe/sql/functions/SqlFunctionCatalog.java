package dev.floe.sql.functions;

import static dev.floe.sql.functions.SqlFunctions.define;

import dev.floe.api.Expression;
import dev.floe.api.Functions;
import dev.floe.api.expr.FunctionCall;
import dev.floe.api.expr.Literal;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.sql.functions.SqlFunctions.FunctionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The definitions behind {@link SqlFunctions}, one line per SQL name (aliases share a line), grouped
 * as aggregates, window functions, then scalar functions by family. Where DuckDB and PostgreSQL differ
 * the comment says which one is followed.
 */
final class SqlFunctionCatalog {
    private SqlFunctionCatalog() {
    }

    private static final int MANY = Integer.MAX_VALUE;

    static void defineAll() {
        aggregates();
        windows();
        strings();
        math();
        conditionals();
        temporal();
        SqlNestedFunctions.defineAll();
    }

    // ---- aggregates ------------------------------------------------------------------------------

    private static void aggregates() {
        FunctionKind a = FunctionKind.AGGREGATE;
        define(a, 0, 1, c -> c.arity() == 0 ? Functions.count()
                : c.distinct() ? c.arg(0).countDistinct() : c.arg(0).count(), "count");
        // sum(DISTINCT x), avg(DISTINCT x): over the group's set of distinct non-null values
        define(a, 1, 1, c -> c.distinct() ? c.arg(0).aggSet().list().sum() : c.arg(0).sum(), "sum");
        define(a, 1, 1, c -> c.distinct() ? c.arg(0).aggSet().list().mean() : c.arg(0).mean(),
                "avg", "mean");
        // DISTINCT does not change min or max
        define(a, 1, 1, c -> c.arg(0).min(), "min");
        define(a, 1, 1, c -> c.arg(0).max(), "max");
        define(a, 1, 1, c -> noDistinct(c).arg(0).stddev(), "stddev", "stddev_samp");
        define(a, 1, 1, c -> noDistinct(c).arg(0).stddev(0), "stddev_pop");
        define(a, 1, 1, c -> noDistinct(c).arg(0).variance(), "variance", "var_samp");
        define(a, 1, 1, c -> noDistinct(c).arg(0).variance(0), "var_pop");
        define(a, 1, 1, c -> noDistinct(c).arg(0).median(), "median");
        define(a, 2, 2, c -> noDistinct(c).arg(0).percentile(c.doubleArg(1, "fraction")), "quantile_cont", "quantile");
        define(a, 2, 2, c -> noDistinct(c).arg(0).approxPercentile(c.doubleArg(1, "fraction")), "approx_quantile");
        define(a, 1, 1, c -> c.arg(0).approxCountDistinct(), "approx_count_distinct");
        // DuckDB's default separator is ','
        define(a, 1, 2, c -> noDistinct(c).arg(0).stringAgg(c.arity() == 2 ? c.stringArg(1, "separator") : ","),
                "string_agg", "group_concat", "listagg");
        define(a, 1, 1, c -> c.arg(0).boolAnd(), "bool_and", "every");
        define(a, 1, 1, c -> c.arg(0).boolOr(), "bool_or");
        define(a, 1, 1, c -> noDistinct(c).arg(0).first(), "first", "arbitrary");
        define(a, 1, 1, c -> noDistinct(c).arg(0).last(), "last");
        define(a, 1, 1, c -> c.arg(0).anyValue(), "any_value");
        // DuckDB's count_if is null for a group without a non-null value: the sum of a boolean is that
        define(a, 1, 1, c -> boolArg(noDistinct(c), 0).sum(), "count_if", "countif");
        define(a, 1, 1, c -> noDistinct(c).arg(0).product(), "product");
        define(a, 1, 1, c -> noDistinct(c).arg(0).skew(), "skewness");
        define(a, 1, 1, c -> noDistinct(c).arg(0).kurtosis(), "kurtosis");
        define(a, 2, 2, c -> Functions.covariance(noDistinct(c).arg(0), c.arg(1)), "covar_samp");
        define(a, 2, 2, c -> Functions.correlation(noDistinct(c).arg(0), c.arg(1)), "corr");
        // population covariance: the sample one times (n - 1) / n over the n rows where both are non-null
        define(a, 2, 2, c -> {
            Expression n = Functions.ifElse(noDistinct(c).arg(0).isNull().or(c.arg(1).isNull()),
                    SqlLiterals.nullValue(), Functions.lit(1)).count();
            return Functions.covariance(c.arg(0), c.arg(1)).mul(n.sub(Functions.lit(1))).div(n);
        }, "covar_pop");
        define(a, 1, 1, c -> c.distinct() ? c.arg(0).aggSet() : c.arg(0).aggList(), "list", "array_agg");
        // grouping(a, b, ...) = grouping(a) * 2^(n-1) + ... + grouping(last) (PostgreSQL's bit order)
        define(a, 1, 31, SqlFunctionCatalog::grouping, "grouping");
        define(a, 0, 0, c -> Functions.groupingId(), "grouping_id");
    }

    private static SqlCall noDistinct(SqlCall c) {
        if (c.distinct()) {
            throw c.error("with DISTINCT is not supported yet; aggregate a DISTINCT subquery instead, e.g. "
                    + "SELECT " + c.lower() + "(x) FROM (SELECT DISTINCT x FROM t)");
        }
        return c;
    }

    private static Expression boolArg(SqlCall c, int i) {
        DataType t = c.type(i);
        if (t != null && t.kind() != Kind.BOOL && t.kind() != Kind.NULL) {
            throw c.error("needs a boolean as argument " + (i + 1) + ", got " + SqlTypes.sqlName(t) + " (" + c.arg(i) + ")");
        }
        return c.arg(i);
    }

    private static Expression grouping(SqlCall c) {
        Expression out = null;
        int n = c.arity();
        for (int i = 0; i < n; i++) {
            Expression g = Functions.grouping(c.arg(i));
            Expression term = i == n - 1 ? g : g.mul(Functions.lit(1 << (n - 1 - i)));
            out = out == null ? term : out.add(term);
        }
        return out;
    }

    // ---- window functions (the binder attaches OVER) -------------------------------------------

    private static void windows() {
        FunctionKind w = FunctionKind.WINDOW;
        define(w, 0, 0, c -> Functions.rowNumber(), "row_number");
        define(w, 0, 0, c -> Functions.rank(), "rank");
        define(w, 0, 0, c -> Functions.denseRank(), "dense_rank");
        define(w, 0, 0, c -> Functions.percentRank(), "percent_rank");
        define(w, 0, 0, c -> Functions.cumeDist(), "cume_dist");
        define(w, 1, 1, c -> Functions.ntile(positive(c, 0, "number of buckets")), "ntile");
        define(w, 1, 3, c -> c.arity() == 3 ? Functions.lag(c.arg(0), c.intArg(1, "offset"), c.arg(2))
                : Functions.lag(c.arg(0), c.arity() == 2 ? c.intArg(1, "offset") : 1), "lag");
        define(w, 1, 3, c -> c.arity() == 3 ? Functions.lead(c.arg(0), c.intArg(1, "offset"), c.arg(2))
                : Functions.lead(c.arg(0), c.arity() == 2 ? c.intArg(1, "offset") : 1), "lead");
        define(w, 1, 1, c -> Functions.firstValue(c.arg(0)), "first_value");
        define(w, 1, 1, c -> Functions.lastValue(c.arg(0)), "last_value");
        define(w, 2, 2, c -> Functions.nthValue(c.arg(0), positive(c, 1, "row number")), "nth_value");
    }

    private static int positive(SqlCall c, int i, String what) {
        int n = c.intArg(i, what);
        if (n < 1) {
            throw c.error("needs a " + what + " of at least 1, got " + n);
        }
        return n;
    }

    // ---- strings ---------------------------------------------------------------------------------

    private static void strings() {
        FunctionKind s = FunctionKind.SCALAR;
        define(s, 2, 3, SqlFunctionCatalog::substring, "substring", "substr");
        define(s, 1, 1, c -> string(c, 0).str().upper(), "upper", "ucase");
        define(s, 1, 1, c -> string(c, 0).str().lower(), "lower", "lcase");
        define(s, 1, 2, c -> trimmed(c).str().strip(), "trim", "btrim");
        define(s, 1, 2, c -> trimmed(c).str().lstrip(), "ltrim");
        define(s, 1, 2, c -> trimmed(c).str().rstrip(), "rtrim");
        // DuckDB's len and length also count a list's elements
        define(s, 1, 1, c -> c.type(0) instanceof DataType.ListOf ? c.arg(0).list().length() : string(c, 0).str().length(),
                "length", "len");
        define(s, 1, 1, c -> string(c, 0).str().length(), "char_length", "character_length");
        define(s, 1, MANY, SqlFunctionCatalog::concat, "concat");
        define(s, 3, 3, c -> string(c, 0).str().replace(c.stringArg(1, "text to find"), c.stringArg(2, "replacement")),
                "replace");
        define(s, 2, 2, c -> string(c, 0).str().startsWith(c.arg(1)), "starts_with", "prefix");
        define(s, 2, 2, c -> string(c, 0).str().endsWith(c.arg(1)), "ends_with", "suffix");
        define(s, 2, 2, c -> string(c, 0).str().contains(c.arg(1)), "contains");
        define(s, 2, 2, c -> string(c, 0).str().match(c.stringArg(1, "regular expression")), "regexp_matches");
        // DuckDB gives '' when the pattern does not match (Floe's extract gives null)
        define(s, 2, 3, c -> Functions.ifElse(string(c, 0).isNull(), SqlLiterals.nullValue(), Functions.coalesce(
                c.arg(0).str().extract(c.stringArg(1, "regular expression"), c.arity() == 3 ? c.intArg(2, "group") : 0),
                Functions.lit(""))), "regexp_extract");
        define(s, 2, 2, c -> string(c, 0).str().left(nonNegative(c, 1, "length")), "left");
        define(s, 2, 2, c -> string(c, 0).str().right(nonNegative(c, 1, "length")), "right");
        define(s, 3, 3, c -> string(c, 0).str().lpad(nonNegative(c, 1, "length"), c.stringArg(2, "padding")), "lpad");
        define(s, 3, 3, c -> string(c, 0).str().rpad(nonNegative(c, 1, "length"), c.stringArg(2, "padding")), "rpad");
        define(s, 1, 1, c -> string(c, 0).str().reverse(), "reverse");
        define(s, 2, 2, c -> string(c, 0).str().repeat(c.intArg(1, "count")), "repeat");
        define(s, 3, 3, c -> string(c, 0).str().translate(c.stringArg(1, "characters to replace"),
                c.stringArg(2, "replacements")), "translate");
        define(s, 1, 1, c -> string(c, 0).str().initcap(), "initcap");
        define(s, 2, 2, c -> string(c, 0).str().instr(c.arg(1)), "strpos", "instr");
        // counts characters; DuckDB's levenshtein counts bytes, so they differ on non-ASCII text
        define(s, 2, 2, c -> string(c, 0).str().levenshtein(c.arg(1)), "levenshtein");
        define(s, 3, 3, c -> string(c, 0).str().splitPart(c.stringArg(1, "delimiter"), c.intArg(2, "part number")),
                "split_part");
        define(s, 2, MANY, c -> Functions.concatWs(c.stringArg(0, "separator"),
                c.args().subList(1, c.arity()).stream().map(e -> asText(c, e)).toArray(Expression[]::new)), "concat_ws");
        define(s, 3, 4, SqlFunctionCatalog::regexpReplace, "regexp_replace");
    }

    private static int nonNegative(SqlCall c, int i, String what) {
        int n = c.intArg(i, what);
        if (n < 0) {
            throw c.error("needs a " + what + " of at least 0, got " + n);
        }
        return n;
    }

    /**
     * DuckDB's {@code regexp_replace(s, pattern, replacement[, options])}: the first match only, every
     * match with the option {@code 'g'}; {@code \1} in the replacement is group 1. Floe's
     * {@code regexpReplace} replaces every match, so the first-match form matches the shortest prefix
     * and the pattern once, anchored at the start, and puts the prefix back.
     */
    private static Expression regexpReplace(SqlCall c) {
        String regex = c.stringArg(1, "regular expression");
        String replacement = c.stringArg(2, "replacement");
        String options = c.arity() == 4 ? c.stringArg(3, "options") : "";
        if (!options.matches("[gsi]*")) {
            throw c.error("supports the options g (every match), s and i, got '" + options + "'");
        }
        String flags = (options.contains("s") ? "s" : "") + (options.contains("i") ? "i" : "");
        String pattern = flags.isEmpty() ? regex : "(?" + flags + ")" + regex;
        boolean all = options.contains("g");
        StringBuilder target = new StringBuilder();
        for (int k = 0; k < replacement.length(); k++) {
            char ch = replacement.charAt(k);
            if (ch == '\\' && k + 1 < replacement.length() && Character.isDigit(replacement.charAt(k + 1))) {
                int group = replacement.charAt(++k) - '0';
                target.append('$').append(all ? group : group + 1);
            } else if (ch == '\\' && k + 1 < replacement.length()) {
                target.append(java.util.regex.Matcher.quoteReplacement(String.valueOf(replacement.charAt(++k))));
            } else {
                target.append(java.util.regex.Matcher.quoteReplacement(String.valueOf(ch)));
            }
        }
        Expression s = string(c, 0);
        if (all) {
            return s.str().regexpReplace(pattern, target.toString());
        }
        return s.str().regexpReplace("(?s)^(.*?)(?:" + pattern + ")", "$1" + target);
    }

    /** SQL's 1-based {@code substring(s, start[, length])}; a start below 1 shortens the length (PostgreSQL, DuckDB). */
    private static Expression substring(SqlCall c) {
        int start = c.intArg(1, "start position");
        if (start < 0) {
            throw c.error("with a negative start position is not supported yet, got " + start
                    + " (DuckDB counts it from the end, PostgreSQL from before the first character)");
        }
        Expression s = string(c, 0);
        if (c.arity() == 2) {
            return s.str().substr(Math.max(start - 1, 0));
        }
        int length = c.intArg(2, "length");
        if (length < 0) {
            throw c.error("needs a length of at least 0, got " + length);
        }
        int end = start + length;   // exclusive, 1-based
        int from = Math.max(start, 1);
        return s.str().substr(from - 1, Math.max(end - from, 0));
    }

    private static Expression trimmed(SqlCall c) {
        if (c.arity() == 2) {
            String chars = c.stringArg(1, "characters to trim");
            if (!chars.equals(" ")) {
                throw c.error("trims white space only; trimming '" + chars + "' is not supported yet");
            }
        }
        return string(c, 0);
    }

    /** DuckDB's and PostgreSQL's {@code concat}: null arguments count as empty strings, other types print as text. */
    private static Expression concat(SqlCall c) {
        List<Expression> parts = new ArrayList<>();
        for (int i = 0; i < c.arity(); i++) {
            if (c.arg(i).node() instanceof Literal l && l.isNull()) {
                continue;
            }
            parts.add(Functions.coalesce(asText(c, c.arg(i)), Functions.lit("")));
        }
        return parts.isEmpty() ? Functions.lit("") : Functions.concatStr(parts.toArray(Expression[]::new));
    }

    /** The argument as a string: strings unchanged, other types cast to their text. */
    static Expression asText(SqlCall c, Expression e) {
        DataType t = c.typeOf(e);
        return t == null || t.kind() == Kind.STRING ? e : e.cast(DataType.string());
    }

    private static Expression string(SqlCall c, int i) {
        DataType t = c.type(i);
        if (t != null && t.kind() != Kind.STRING && t.kind() != Kind.NULL) {
            throw c.error("needs a string as argument " + (i + 1) + ", got " + SqlTypes.sqlName(t) + " ("
                    + c.arg(i) + "); cast it with CAST(... AS VARCHAR)");
        }
        return c.arg(i);
    }

    // ---- math ------------------------------------------------------------------------------------

    private static void math() {
        FunctionKind s = FunctionKind.SCALAR;
        define(s, 1, 1, c -> numeric(c, 0).abs(), "abs");
        // a decimal(p, s) gives decimal(p - s + 1, 0): the integer digits plus a carry (TypeRules.rounded)
        define(s, 1, 1, c -> widened(c, SqlDecimalRounding.CEIL, 0, numeric(c, 0).ceil()), "ceil", "ceiling");
        define(s, 1, 1, c -> widened(c, SqlDecimalRounding.FLOOR, 0, numeric(c, 0).floor()), "floor");
        define(s, 1, 2, SqlFunctionCatalog::round, "round");
        define(s, 1, 1, c -> numeric(c, 0).sqrt(), "sqrt");
        define(s, 1, 1, c -> numeric(c, 0).exp(), "exp");
        define(s, 1, 1, c -> numeric(c, 0).log(), "ln");
        define(s, 1, 1, SqlFunctionCatalog::sign, "sign");
        define(s, 2, 2, c -> numeric(c, 0).mod(numeric(c, 1)), "mod");
        define(s, 1, 1, SqlFunctionCatalog::trunc, "trunc");
        define(s, 2, 2, c -> numeric(c, 0).pow(numeric(c, 1)), "power", "pow");
        // DuckDB's and PostgreSQL's log(x) is base 10; log(b, x) is base b
        define(s, 1, 2, c -> c.arity() == 1 ? numeric(c, 0).log10() : numeric(c, 1).ln().div(numeric(c, 0).ln()), "log");
        define(s, 1, 1, c -> numeric(c, 0).log10(), "log10");
        define(s, 1, 1, c -> numeric(c, 0).log2(), "log2");
        define(s, 1, 1, c -> numeric(c, 0).cbrt(), "cbrt");
        define(s, 1, 1, c -> numeric(c, 0).sin(), "sin");
        define(s, 1, 1, c -> numeric(c, 0).cos(), "cos");
        define(s, 1, 1, c -> numeric(c, 0).tan(), "tan");
        define(s, 1, 1, c -> numeric(c, 0).asin(), "asin");
        define(s, 1, 1, c -> numeric(c, 0).acos(), "acos");
        define(s, 1, 1, c -> numeric(c, 0).atan(), "atan");
        define(s, 2, 2, c -> numeric(c, 0).atan2(numeric(c, 1)), "atan2");
        define(s, 1, 1, c -> numeric(c, 0).degrees(), "degrees");
        define(s, 1, 1, c -> numeric(c, 0).radians(), "radians");
        define(s, 1, 1, c -> numeric(c, 0).isNan(), "isnan");
        define(s, 0, 0, c -> Functions.lit(Math.PI), "pi");
        // Spark's names (DuckDB's random() takes no seed); the values are Floe's own, see Functions.rand
        define(s, 0, 1, c -> c.arity() == 0 ? Functions.rand() : Functions.rand(c.longArg(0, "seed")), "rand", "random");
        define(s, 0, 1, c -> c.arity() == 0 ? Functions.randn() : Functions.randn(c.longArg(0, "seed")), "randn");
        define(s, 0, 0, c -> Functions.monotonicallyIncreasingId(), "monotonically_increasing_id");
    }

    /**
     * {@code round(x[, n])}: half away from zero. A decimal(p, s) rounded to n &lt; s digits becomes
     * decimal(p, max(n, 0)) as in DuckDB (so the result prints with n digits), which holds every rounded
     * value when s &gt; 0; decimal(p, 0) rounded to tens keeps Floe's type, one digit wider
     * (TypeRules.rounded: DuckDB's round(95::DECIMAL(2,0), -1) is 100). Other types keep theirs.
     */
    private static Expression round(SqlCall c) {
        int digits = c.arity() == 2 ? c.intArg(1, "number of decimal places") : 0;
        Expression rounded = widened(c, SqlDecimalRounding.ROUND, digits, numeric(c, 0).round(digits));
        DataType t = c.type(0);
        if (t instanceof DataType.Decimal d && d.scale() > 0 && digits < d.scale()) {
            return rounded.cast(DataType.decimal(d.precision(), Math.max(digits, 0)));
        }
        return rounded;
    }

    /**
     * A decimal that loses digits is rounded into TypeRules.rounded's wider type, so SQL never fails on
     * a carry where DuckDB succeeds (the DataFrame API's {@code api} keeps the input type and fails then).
     */
    private static Expression widened(SqlCall c, SqlDecimalRounding fn, int digits, Expression api) {
        if (c.type(0) instanceof DataType.Decimal d && digits < d.scale()) {
            return Expression.of(new FunctionCall(fn, List.of(numeric(c, 0).node()),
                    fn == SqlDecimalRounding.ROUND ? List.of(digits) : List.of()));
        }
        return api;
    }

    /** -1, 0 or 1; an integer for every input type as in DuckDB (NaN gives 0). */
    private static Expression sign(SqlCall c) {
        Expression x = numeric(c, 0);
        DataType t = c.type(0);
        if (t == null || !t.isFloating()) {
            return x.sign();
        }
        return Functions.when(x.gt(Functions.lit(0))).then(Functions.lit(1)).when(x.lt(Functions.lit(0)))
                .then(Functions.lit(-1)).when(x.notNull()).then(Functions.lit(0)).otherwise(SqlLiterals.nullValue());
    }

    /** Rounds toward zero, keeping floats float and decimal(p, s) as decimal(p, 0) (DuckDB's types). */
    private static Expression trunc(SqlCall c) {
        Expression x = numeric(c, 0);
        DataType t = c.type(0);
        if (t != null && t.isInteger()) {
            return x;
        }
        Expression out = Functions.ifElse(x.lt(Functions.lit(0)), x.ceil(), x.floor());
        if (t instanceof DataType.Decimal d && d.scale() > 0) {
            return out.cast(DataType.decimal(d.precision(), 0));
        }
        return out;
    }

    private static Expression numeric(SqlCall c, int i) {
        DataType t = c.type(i);
        if (t != null && !t.isNumeric() && t.kind() != Kind.NULL) {
            throw c.error("needs a number as argument " + (i + 1) + ", got " + SqlTypes.sqlName(t) + " (" + c.arg(i) + ")");
        }
        return c.arg(i);
    }

    // ---- conditionals ----------------------------------------------------------------------------

    private static void conditionals() {
        FunctionKind s = FunctionKind.SCALAR;
        define(s, 1, MANY, c -> Functions.coalesce(c.args().toArray(Expression[]::new)), "coalesce");
        define(s, 2, 2, c -> Functions.coalesce(c.arg(0), c.arg(1)), "ifnull", "nvl");
        define(s, 2, 2, c -> Functions.ifElse(c.arg(0).eq(c.arg(1)), SqlLiterals.nullValue(), c.arg(0)), "nullif");
        define(s, 1, MANY, c -> Functions.greatest(c.args().toArray(Expression[]::new)), "greatest");
        define(s, 1, MANY, c -> Functions.least(c.args().toArray(Expression[]::new)), "least");
        define(s, 1, 1, c -> c.arg(0).hash(), "hash");
        define(s, 3, 3, c -> Functions.ifElse(c.arg(0), c.arg(1), c.arg(2)), "if", "iif");
    }

    // ---- dates and timestamps --------------------------------------------------------------------

    private static void temporal() {
        FunctionKind s = FunctionKind.SCALAR;
        for (String field : List.of("year", "quarter", "month", "day", "dayofmonth", "hour", "minute", "second",
                "dayofweek", "isodow", "dayofyear", "week", "weekofyear")) {
            define(s, 1, 1, c -> datePart(c, field), field);
        }
        define(s, 2, 2, c -> datePart(new SqlCall(c.name(), List.of(c.arg(1)), false, c.position(), c.input()),
                c.stringArg(0, "field")), "date_part", "datepart");
        define(s, 2, 2, c -> temporal(c, 1).dt().truncate(truncUnit(c, c.stringArg(0, "unit"))),
                "date_trunc", "datetrunc");
        define(s, 1, 1, SqlFunctionCatalog::toDate, "date");
        define(s, 3, 3, SqlFunctionCatalog::dateDiff, "date_diff", "datediff");
        define(s, 2, 2, c -> SqlArithmetic.binary("+", temporal(c, 0), c.arg(1), c.position(), c.input()), "date_add");
        define(s, 1, 1, c -> temporal(c, 0).dt().lastDay(), "last_day");
        define(s, 0, 0, c -> Functions.currentDate(), "current_date", "today");
        define(s, 0, 0, c -> Functions.now(), "now", "current_timestamp", "get_current_timestamp");
        define(s, 1, 1, c -> names(temporal(c, 0).dt().dayOfWeek(), 0, "Monday", "Tuesday", "Wednesday", "Thursday",
                "Friday", "Saturday", "Sunday"), "dayname");
        define(s, 1, 1, c -> names(temporal(c, 0).dt().month(), 1, "January", "February", "March", "April", "May",
                "June", "July", "August", "September", "October", "November", "December"), "monthname");
    }

    /** The name of each number from {@code first} on, null for null. */
    private static Expression names(Expression number, int first, String... names) {
        Functions.Branch out = null;
        for (int i = 0; i < names.length; i++) {
            Expression is = number.eq(Functions.lit(first + i));
            out = out == null ? Functions.when(is).then(Functions.lit(names[i])) : out.when(is).then(Functions.lit(names[i]));
        }
        return out.otherwise(SqlLiterals.nullValue());
    }

    /**
     * DuckDB's {@code date_diff(part, start, end)}: the number of part boundaries between the two
     * (BIGINT): {@code date_diff('month', DATE '2000-01-31', DATE '2000-02-01')} is 1; weeks are whole
     * 7-day spans, toward zero.
     */
    private static Expression dateDiff(SqlCall c) {
        String part = c.stringArg(0, "part").toLowerCase(Locale.ROOT);
        if (part.endsWith("s")) {
            part = part.substring(0, part.length() - 1);
        }
        Expression a = temporal(c, 1);
        Expression b = temporal(c, 2);
        Expression twelve = Functions.lit(12);
        return switch (part) {
            case "year", "yr", "y" -> b.dt().year().sub(a.dt().year()).cast(DataType.int64());
            case "quarter" -> quarterIndex(b).sub(quarterIndex(a)).cast(DataType.int64());
            case "month", "mon" -> b.dt().year().mul(twelve).add(b.dt().month())
                    .sub(a.dt().year().mul(twelve).add(a.dt().month())).cast(DataType.int64());
            case "day", "d" -> days(b).sub(days(a));
            case "week", "w" -> {
                Expression n = days(b).sub(days(a));
                Expression seven = Functions.lit(7L);
                yield n.sub(n.mod(seven)).floorDiv(seven);   // toward zero
            }
            case "hour", "h", "hr" -> clockDiff(a, b, 3_600_000_000L);
            case "minute", "min", "m" -> clockDiff(a, b, 60_000_000L);
            case "second", "sec", "s" -> clockDiff(a, b, 1_000_000L);
            case "millisecond", "ms", "msec" -> clockDiff(a, b, 1_000L);
            case "microsecond", "us", "usec" -> clockDiff(a, b, 1L);
            default -> throw c.error("does not know the part '" + c.stringArg(0, "part") + "'; use year, quarter, "
                    + "month, week, day, hour, minute, second, millisecond or microsecond");
        };
    }

    private static Expression quarterIndex(Expression d) {
        return d.dt().year().mul(Functions.lit(4)).add(d.dt().month().sub(Functions.lit(1)).floorDiv(Functions.lit(3)));
    }

    private static Expression days(Expression d) {
        return d.dt().date().cast(DataType.int64());
    }

    private static Expression clockDiff(Expression a, Expression b, long unitMicros) {
        DataType us = DataType.timestamp(dev.floe.api.types.TimeUnit.MICROSECOND, null);
        Expression unit = Functions.lit(unitMicros);
        return b.cast(us).cast(DataType.int64()).floorDiv(unit).sub(a.cast(us).cast(DataType.int64()).floorDiv(unit));
    }

    /** {@code date(x)}: a string constant is parsed at planning time, anything else is cast. */
    private static Expression toDate(SqlCall c) {
        if (c.arg(0).node() instanceof Literal l && l.value() instanceof String text) {
            return SqlLiterals.date(text, c.position());
        }
        return c.arg(0).cast(DataType.date());
    }

    /** The field of {@code date_part}/{@code EXTRACT} (DuckDB's names and numbering). */
    static Expression datePart(SqlCall c, String field) {
        Expression d = temporal(c, 0);
        String f = field.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "year", "years", "y", "yr", "yrs", "yyyy" -> d.dt().year();
            case "quarter", "quarters" -> d.dt().quarter();
            case "week", "weeks", "w", "weekofyear" -> d.dt().weekOfYear();
            case "month", "months", "mon", "mons" -> d.dt().month();
            case "day", "days", "d", "dayofmonth" -> d.dt().day();
            case "hour", "hours", "h", "hr", "hrs" -> d.dt().hour();
            case "minute", "minutes", "min", "mins", "m" -> d.dt().minute();
            case "second", "seconds", "s", "sec", "secs" -> d.dt().second();
            // Floe's dayOfWeek is Monday = 0; DuckDB's and PostgreSQL's dow is Sunday = 0, isodow Monday = 1
            case "dow", "dayofweek", "weekday" -> d.dt().dayOfWeek().add(Functions.lit(1)).mod(Functions.lit(7));
            case "isodow" -> d.dt().dayOfWeek().add(Functions.lit(1));
            case "doy", "dayofyear" -> d.dt().dayOfYear();
            default -> throw c.error("does not know the date part '" + field + "'; use year, quarter, month, week, "
                    + "day, hour, minute, second, dow, isodow or doy");
        };
    }

    private static String truncUnit(SqlCall c, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.endsWith("s")) {
            u = u.substring(0, u.length() - 1);
        }
        return switch (u) {
            case "year", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond",
                    "microsecond" -> u;
            default -> throw c.error("does not know the unit '" + unit + "'; use year, quarter, month, week, day, "
                    + "hour, minute, second, millisecond or microsecond");
        };
    }

    private static Expression temporal(SqlCall c, int i) {
        DataType t = c.type(i);
        if (t != null && t.kind() == Kind.STRING && c.arg(i).node() instanceof Literal l && l.value() instanceof String s) {
            return s.length() > 10 ? SqlLiterals.timestamp(s, c.position()) : SqlLiterals.date(s, c.position());
        }
        if (t != null && !t.isTemporal() && t.kind() != Kind.NULL) {
            throw c.error("needs a date or timestamp as argument " + (i + 1) + ", got " + SqlTypes.sqlName(t)
                    + " (" + c.arg(i) + ")");
        }
        return c.arg(i);
    }
}
