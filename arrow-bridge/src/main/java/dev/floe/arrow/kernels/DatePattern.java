package dev.floe.arrow.kernels;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;

/**
 * A date/time pattern in {@link java.time.format.DateTimeFormatter} letters (as Spark's
 * {@code date_format} and {@code to_date}), compiled once and applied to epoch days and
 * nanoseconds of the day without a date object per value.
 *
 * <p>Formatting knows {@code y yy yyyy} (year), {@code M MM} (month), {@code MMM MMMM} (English
 * month names), {@code d dd}, {@code D DDD} (day of year), {@code E EEE EEEE} (English day names),
 * {@code H HH}, {@code h hh} (1-12), {@code a} (AM/PM), {@code m mm}, {@code s ss}, {@code S...}
 * (fraction digits), {@code 'quoted text'} and any non-letter as itself. Parsing knows the numeric
 * fields and literals: a field of one letter reads 1-2 digits (years and fractions up to 9), of
 * more letters exactly that many ({@code yy} is 2000-2099); the whole string must match.
 *
 * <pre>{@code DatePattern p = DatePattern.compile("yyyy-MM-dd HH:mm:ss");}</pre>
 */
public final class DatePattern {
    static final int YEAR = 0;
    static final int MONTH = 1;
    static final int DAY = 2;
    static final int HOUR = 3;
    static final int MINUTE = 4;
    static final int SECOND = 5;
    static final int NANO = 6;
    static final int FIELDS = 7;

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

    /** A run of one pattern letter ({@code letter} > 0, {@code count} letters) or literal bytes. */
    private record Token(char letter, int count, byte[] literal) {
    }

    private final String text;
    private final Token[] tokens;

    private DatePattern(String text, Token[] tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /**
     * Compiles a pattern; an unknown letter or an unclosed quote is an IllegalArgumentException
     * naming it ({@code forParsing} allows only numeric fields and literals).
     */
    public static DatePattern compile(String pattern, boolean forParsing) {
        List<Token> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int close = i + 1;
                StringBuilder q = new StringBuilder();
                while (true) {
                    if (close >= pattern.length()) {
                        throw new IllegalArgumentException("unclosed quote in date pattern '" + pattern + "'");
                    }
                    if (pattern.charAt(close) == '\'') {
                        if (close + 1 < pattern.length() && pattern.charAt(close + 1) == '\'') {
                            q.append('\'');
                            close += 2;
                            continue;
                        }
                        break;
                    }
                    q.append(pattern.charAt(close++));
                }
                lit.append(close == i + 1 ? "'" : q);
                i = close + 1;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                int j = i;
                while (j < pattern.length() && pattern.charAt(j) == c) {
                    j++;
                }
                int count = j - i;
                boolean numeric = "yMdHmsSDhH".indexOf(c) >= 0 && !(c == 'M' && count >= 3);
                boolean known = numeric || c == 'M' || c == 'E' || c == 'a';
                if (!known || (forParsing && (!numeric || c == 'D' || c == 'h'))) {
                    throw new IllegalArgumentException("pattern letter '" + c + "' (" + pattern.substring(i, j)
                            + ") is not supported " + (forParsing ? "for parsing " : "") + "in date pattern '" + pattern
                            + "'; use y, M, d, H, m, s, S" + (forParsing ? "" : ", MMM, E, D, h, a")
                            + " or quote text with '...'");
                }
                flush(lit, out);
                out.add(new Token(c, count, null));
                i = j;
            } else {
                lit.append(c);
                i++;
            }
        }
        flush(lit, out);
        return new DatePattern(pattern, out.toArray(new Token[0]));
    }

    private static void flush(StringBuilder lit, List<Token> out) {
        if (lit.length() > 0) {
            out.add(new Token((char) 0, 0, lit.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            lit.setLength(0);
        }
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- formatting ----------------------------------------------------------------------------

    void format(long days, long nanosOfDay, Utf8Output out, byte[] buf) {
        long c = TemporalKernels.civil(days);
        for (Token t : tokens) {
            if (t.letter == 0) {
                out.append(t.literal, 0, t.literal.length);
                continue;
            }
            int count = t.count;
            switch (t.letter) {
                case 'y' -> {
                    long y = TemporalKernels.year(c);
                    number(out, buf, count == 2 ? Math.floorMod(y, 100) : y, count == 2 ? 2 : count);
                }
                case 'M' -> {
                    int m = TemporalKernels.month(c);
                    if (count >= 3) {
                        text(out, count == 3 ? MONTHS[m - 1].substring(0, 3) : MONTHS[m - 1]);
                    } else {
                        number(out, buf, m, count);
                    }
                }
                case 'd' -> number(out, buf, TemporalKernels.day(c), count);
                case 'D' -> number(out, buf, days - TemporalKernels.daysFromCivil(TemporalKernels.year(c), 1, 1) + 1, count);
                case 'E' -> {
                    String name = DAYS[TemporalKernels.dayOfWeek(days)];
                    text(out, count >= 4 ? name : name.substring(0, 3));
                }
                case 'H' -> number(out, buf, nanosOfDay / 3_600_000_000_000L, count);
                case 'h' -> {
                    long h = nanosOfDay / 3_600_000_000_000L % 12;
                    number(out, buf, h == 0 ? 12 : h, count);
                }
                case 'a' -> text(out, nanosOfDay < 12 * 3_600_000_000_000L ? "AM" : "PM");
                case 'm' -> number(out, buf, nanosOfDay / 60_000_000_000L % 60, count);
                case 's' -> number(out, buf, nanosOfDay / 1_000_000_000L % 60, count);
                case 'S' -> {
                    long frac = nanosOfDay % 1_000_000_000L;
                    for (int k = 0; k < count; k++) {
                        long digit = k < 9 ? frac / pow10(8 - k) % 10 : 0;
                        out.appendByte('0' + (int) digit);
                    }
                }
                default -> throw new IllegalStateException(String.valueOf(t.letter));
            }
        }
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
    }

    private static void text(Utf8Output out, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            out.appendByte(ascii.charAt(k));
        }
    }

    /** The number in decimal, zero-padded to {@code width} digits (a minus sign before). */
    private static void number(Utf8Output out, byte[] buf, long v, int width) {
        if (v < 0) {
            out.appendByte('-');
            v = -v;
        }
        int len = 0;
        do {
            buf[buf.length - 1 - len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int k = len; k < width; k++) {
            out.appendByte('0');
        }
        out.append(buf, buf.length - len, len);
    }

    // ---- parsing -------------------------------------------------------------------------------

    /** Parses bytes [b, e) into {@code fields}; false when they do not match or name no real date/time. */
    boolean parse(ArrowBuf data, int b, int e, long[] fields) {
        fields[YEAR] = 1970;
        fields[MONTH] = 1;
        fields[DAY] = 1;
        fields[HOUR] = 0;
        fields[MINUTE] = 0;
        fields[SECOND] = 0;
        fields[NANO] = 0;
        int p = b;
        for (Token t : tokens) {
            if (t.letter == 0) {
                if (e - p < t.literal.length || !StringKernels.regionEquals(data, p, t.literal, 0, t.literal.length)) {
                    return false;
                }
                p += t.literal.length;
                continue;
            }
            int max = t.count == 1 ? (t.letter == 'y' ? 9 : t.letter == 'S' ? 9 : 2) : t.count;
            int min = t.count == 1 ? 1 : t.count;
            long v = 0;
            int digits = 0;
            while (digits < max && p < e) {
                int ch = data.getByte(p);
                if (ch < '0' || ch > '9') {
                    break;
                }
                v = v * 10 + (ch - '0');
                digits++;
                p++;
            }
            if (digits < min) {
                return false;
            }
            switch (t.letter) {
                case 'y' -> fields[YEAR] = t.count == 2 ? 2000 + v : v;
                case 'M' -> fields[MONTH] = v;
                case 'd' -> fields[DAY] = v;
                case 'H' -> fields[HOUR] = v;
                case 'm' -> fields[MINUTE] = v;
                case 's' -> fields[SECOND] = v;
                case 'S' -> fields[NANO] = digits >= 9 ? v : v * pow10(9 - digits);
                default -> {
                    return false;
                }
            }
        }
        return p == e && fields[MONTH] >= 1 && fields[MONTH] <= 12 && fields[DAY] >= 1
                && fields[DAY] <= TemporalKernels.daysInMonth(fields[YEAR], (int) fields[MONTH])
                && fields[HOUR] <= 23 && fields[MINUTE] <= 59 && fields[SECOND] <= 59;
    }
}
