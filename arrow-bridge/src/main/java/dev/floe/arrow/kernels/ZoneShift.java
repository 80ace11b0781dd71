package dev.floe.arrow.kernels;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The UTC offset of a time zone at an instant, for kernels that read civil fields of zoned
 * timestamps. Fixed offsets (and no zone) are a constant; region zones remember the span
 * between two transitions, so a batch touches {@link ZoneRules} once per transition crossed,
 * not once per row. Not thread-safe: one per kernel call.
 *
 * <pre>{@code long local = epochSecond + ZoneShift.of("Europe/Paris").offsetSeconds(epochSecond);}</pre>
 */
final class ZoneShift {
    private final ZoneRules rules;
    private long lo = 1;
    private long hi = 0;
    private long offset;

    private ZoneShift(ZoneRules rules, long fixed) {
        this.rules = rules;
        this.offset = fixed;
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
        if (rules == null || (epochSecond >= lo && epochSecond < hi)) {
            return offset;
        }
        Instant at = Instant.ofEpochSecond(epochSecond);
        offset = rules.getOffset(at).getTotalSeconds();
        ZoneOffsetTransition prev = rules.previousTransition(at);
        ZoneOffsetTransition next = rules.nextTransition(at);
        lo = prev == null ? Long.MIN_VALUE
                : prev.getOffsetAfter().getTotalSeconds() == offset ? prev.toEpochSecond() : epochSecond;
        hi = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        return offset;
    }
}
