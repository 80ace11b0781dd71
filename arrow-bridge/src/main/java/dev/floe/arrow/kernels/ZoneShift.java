package dev.floe.arrow.kernels;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The UTC offset of a time zone at an instant, for kernels that read civil fields of zoned
 * timestamps. Fixed offsets (and no zone) are a constant; region zones remember the span
 * between two transitions (the last two spans), so a batch touches {@link ZoneRules} once per transition crossed,
 * not once per row. Not thread-safe: one per kernel call.
 *
 * <pre>{@code long local = epochSecond + ZoneShift.of("Europe/Paris").offsetSeconds(epochSecond);}</pre>
 */
final class ZoneShift {
    private final ZoneRules rules;
    private final long fixed;
    // two remembered spans [lo, hi) with their offsets: a value and its truncation (or its
    // shifted result) often fall on the two sides of one transition
    private final long[] lo = {1, 1};
    private final long[] hi = {0, 0};
    private final long[] offset = new long[2];
    private int older;

    private ZoneShift(ZoneRules rules, long fixed) {
        this.rules = rules;
        this.fixed = fixed;
    }

    /** The shift for a timestamp type's zone; null means none (wall-clock time, offset 0). */
    static ZoneShift of(String zone) {
        if (zone == null) {
            return new ZoneShift(null, 0);
        }
        ZoneRules r = ZoneId.of(zone).getRules();
        if (r.isFixedOffset()) {
            return new ZoneShift(null, r.getOffset(Instant.EPOCH).getTotalSeconds());
        }
        return new ZoneShift(r, 0);
    }

    long offsetSeconds(long epochSecond) {
        if (rules == null) {
            return fixed;
        }
        for (int k = 0; k < 2; k++) {
            if (epochSecond >= lo[k] && epochSecond < hi[k]) {
                older = 1 - k;
                return offset[k];
            }
        }
        int k = older;
        older = 1 - k;
        Instant at = Instant.ofEpochSecond(epochSecond);
        long off = rules.getOffset(at).getTotalSeconds();
        ZoneOffsetTransition prev = rules.previousTransition(at);
        ZoneOffsetTransition next = rules.nextTransition(at);
        lo[k] = prev == null ? Long.MIN_VALUE
                : prev.getOffsetAfter().getTotalSeconds() == off ? prev.toEpochSecond() : epochSecond;
        hi[k] = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        offset[k] = off;
        return off;
    }
}
