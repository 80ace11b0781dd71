package dev.floe.translator.physical;

import dev.floe.api.plan.Aggregate;
import dev.floe.api.plan.Filter;
import dev.floe.api.plan.Join;
import dev.floe.api.plan.Limit;
import dev.floe.api.plan.LogicalPlan;
import dev.floe.api.plan.Project;
import dev.floe.api.plan.Repartition;
import dev.floe.api.plan.Scan;
import dev.floe.api.plan.Sort;

/**
 * Rough output sizes for join strategy choice: a scan's source bytes scaled by the share of
 * columns read; each filter keeps half; an aggregation a tenth; unknown sizes are huge.
 */
final class SizeEstimator {
    static final long UNKNOWN = Long.MAX_VALUE / 4;

    private SizeEstimator() {
    }

    static long bytes(LogicalPlan plan) {
        if (plan instanceof Scan s) {
            long total = s.source().estimatedBytes();
            if (total < 0) {
                return UNKNOWN;
            }
            int all = Math.max(1, s.source().schema().size());
            long bytes = total * Math.max(1, s.schema().size()) / all;
            for (int i = 0; i < s.filters().size(); i++) {
                bytes /= 2;
            }
            return bytes;
        }
        if (plan instanceof Filter f) {
            return bytes(f.input()) / 2;
        }
        if (plan instanceof Project p) {
            return bytes(p.input());
        }
        if (plan instanceof Limit l) {
            return Math.min(bytes(l.input()), l.n() * 64 * Math.max(1, l.schema().size()));
        }
        if (plan instanceof Aggregate a) {
            return a.keys().isEmpty() ? 64 : bytes(a.input()) / 10;
        }
        if (plan instanceof Join j) {
            return sat(bytes(j.left()) + bytes(j.right()));
        }
        if (plan instanceof Sort s) {
            return bytes(s.input());
        }
        if (plan instanceof Repartition r) {
            return bytes(r.input());
        }
        return UNKNOWN;
    }

    private static long sat(long v) {
        return v < 0 ? UNKNOWN : Math.min(v, UNKNOWN);
    }
}
