package dev.floe.formats;

import dev.floe.api.types.TimeUnit;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Text forms of values for the CSV and JSON writers, appended to a reused builder with integer
 * arithmetic (no LocalDate, no String per value; decimals past 18 digits excepted).
 */
final class TextDigits {
    private TextDigits() {
    }

    /** yyyy-mm-dd of days since 1970-01-01 (proleptic Gregorian). */
    static void date(StringBuilder sb, int epochDay) {
        long z = epochDay + 719468L;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        if (y < 0) {
            sb.append('-');
            y = -y;
        }
        pad(sb, y, 4);
        sb.append('-');
        pad(sb, m, 2);
        sb.append('-');
        pad(sb, d, 2);
    }

    /** yyyy-mm-dd hh:mm:ss[.fraction] of a count of {@code unit} since the epoch (fraction digits by unit). */
    static void timestamp(StringBuilder sb, long value, TimeUnit unit) {
        long perSecond = switch (unit) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
        long seconds = Math.floorDiv(value, perSecond);
        long fraction = Math.floorMod(value, perSecond);
        long secondOfDay = Math.floorMod(seconds, 86_400L);
        date(sb, (int) Math.floorDiv(seconds, 86_400L));
        sb.append(' ');
        pad(sb, secondOfDay / 3600, 2);
        sb.append(':');
        pad(sb, secondOfDay / 60 % 60, 2);
        sb.append(':');
        pad(sb, secondOfDay % 60, 2);
        if (perSecond > 1) {
            sb.append('.');
            pad(sb, fraction, Long.toString(perSecond).length() - 1);
        }
    }

    /** A decimal from its 128-bit unscaled value (little-endian words) and scale, in plain notation. */
    static void decimal(StringBuilder sb, long low, long high, int scale) {
        if (high == (low >> 63) && low != Long.MIN_VALUE) {
            if (low < 0) {
                sb.append('-');
            }
            int start = sb.length();
            sb.append(Math.abs(low));
            if (scale > 0) {
                int intDigits = sb.length() - start - scale;
                if (intDigits <= 0) {
                    sb.insert(start, "0.");
                    for (int i = 0; i < -intDigits; i++) {
                        sb.insert(start + 2, '0');
                    }
                } else {
                    sb.insert(start + intDigits, '.');
                }
            }
            return;
        }
        byte[] be = new byte[16];
        for (int i = 0; i < 8; i++) {
            be[i] = (byte) (high >>> (56 - 8 * i));
            be[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        sb.append(new BigDecimal(new BigInteger(be), scale).toPlainString());
    }

    /** A finite double, with ".0" on whole numbers below 1e15 (no exponent for them). */
    static void finiteDouble(StringBuilder sb, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v).append(".0");
        } else {
            sb.append(v);
        }
    }

    /** v left-padded with zeros to width digits. */
    static void pad(StringBuilder sb, long v, int width) {
        long limit = 10;
        for (int i = 1; i < width; i++, limit *= 10) {
            if (v < limit) {
                sb.append('0');
            }
        }
        sb.append(v);
    }
}
