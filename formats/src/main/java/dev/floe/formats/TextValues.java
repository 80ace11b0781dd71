package dev.floe.formats;

/**
 * Parsers from UTF-8 bytes to primitive values with no object per value. Each returns false
 * when the bytes are not a valid value; the result is left in a field of the parser.
 */
final class TextValues {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    long longValue;
    double doubleValue;

    boolean parseLong(byte[] b, int s, int e) {
        if (s >= e) {
            return false;
        }
        boolean neg = false;
        int i = s;
        if (b[i] == '-' || b[i] == '+') {
            neg = b[i] == '-';
            i++;
            if (i == e) {
                return false;
            }
        }
        long v = 0;
        for (; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        if (!neg) {
            if (v == Long.MIN_VALUE) {
                return false;
            }
            v = -v;
        }
        longValue = v;
        return true;
    }

    /** Decimal notation fast path (exact when it applies); falls back to Double.parseDouble. */
    boolean parseDouble(byte[] b, int s, int e) {
        if (s >= e) {
            return false;
        }
        int i = s;
        boolean neg = false;
        if (b[i] == '-' || b[i] == '+') {
            neg = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        boolean dot = false;
        boolean simple = i < e;
        for (; i < e; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0) {
                        digits++;
                    }
                    if (dot) {
                        fraction++;
                    }
                } else {
                    simple = false;
                    break;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                simple = false;
                break;
            }
        }
        if (simple && mantissa < (1L << 53) && fraction < POW10.length) {
            double v = mantissa / POW10[fraction];
            doubleValue = neg ? -v : v;
            return true;
        }
        try {
            doubleValue = Double.parseDouble(new String(b, s, e - s, java.nio.charset.StandardCharsets.US_ASCII));
            return true;
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    /** yyyy-MM-dd into days since 1970-01-01. */
    boolean parseDate(byte[] b, int s, int e) {
        if (e - s != 10 || b[s + 4] != '-' || b[s + 7] != '-') {
            return false;
        }
        int y = digits(b, s, 4);
        int m = digits(b, s + 5, 2);
        int d = digits(b, s + 8, 2);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
            return false;
        }
        longValue = epochDay(y, m, d);
        return true;
    }

    /** yyyy-MM-dd[T or space]HH:mm[:ss[.fraction]] into microseconds since the epoch (UTC). */
    boolean parseTimestamp(byte[] b, int s, int e) {
        if (e - s < 16 || !parseDate(b, s, s + 10) || (b[s + 10] != 'T' && b[s + 10] != ' ')
                || b[s + 13] != ':') {
            return false;
        }
        long days = longValue;
        int h = digits(b, s + 11, 2);
        int mi = digits(b, s + 14, 2);
        int sec = 0;
        long micros = 0;
        int i = s + 16;
        if (i < e) {
            if (b[i] != ':' || i + 3 > e) {
                return false;
            }
            sec = digits(b, i + 1, 2);
            i += 3;
            if (i < e) {
                if (b[i] != '.') {
                    return false;
                }
                i++;
                int scale = 0;
                for (; i < e; i++) {
                    int d = b[i] - '0';
                    if (d < 0 || d > 9) {
                        return false;
                    }
                    if (scale < 6) {
                        micros = micros * 10 + d;
                        scale++;
                    }
                }
                for (; scale < 6; scale++) {
                    micros *= 10;
                }
            }
        }
        if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
            return false;
        }
        longValue = ((days * 24 + h) * 60 + mi) * 60_000_000L + sec * 1_000_000L + micros;
        return true;
    }

    private static int digits(byte[] b, int s, int n) {
        int v = 0;
        for (int i = s; i < s + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    static boolean isTrue(byte[] b, int s, int e) {
        return e - s == 4 && (b[s] | 0x20) == 't' && (b[s + 1] | 0x20) == 'r' && (b[s + 2] | 0x20) == 'u'
                && (b[s + 3] | 0x20) == 'e';
    }

    static boolean isFalse(byte[] b, int s, int e) {
        return e - s == 5 && (b[s] | 0x20) == 'f' && (b[s + 1] | 0x20) == 'a' && (b[s + 2] | 0x20) == 'l'
                && (b[s + 3] | 0x20) == 's' && (b[s + 4] | 0x20) == 'e';
    }
}
