package dev.floe.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.Floe;
import dev.floe.testing.DuckOracle;
import dev.floe.testing.SharedCluster;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fixed-seed run of the differential fuzzer (random tables and DataFrame programs against
 * DuckDB) on the shared MiniCluster. Thousands more: {@code bench/run-fuzz --seed S --queries N}.
 */
class DifferentialFuzzIT {
    static final long SEED = Long.getLong("floe.fuzz.seed", 20260101L);
    static final int QUERIES = Integer.getInteger("floe.fuzz.queries", 300);

    @RegisterExtension
    static final DuckOracle DUCK = new DuckOracle(true);

    private static final Map<Integer, Floe> SESSIONS = new HashMap<>();

    @AfterAll
    static void closeSessions() {
        SESSIONS.values().forEach(Floe::close);
    }

    @Test
    void floeAgreesWithDuckDbOnRandomPrograms() {
        DifferentialFuzzer fuzzer = new DifferentialFuzzer(DUCK, p -> SESSIONS.computeIfAbsent(p, SharedCluster::floe), SEED);
        StringBuilder problems = new StringBuilder();
        DifferentialFuzzer.Report report = fuzzer.run(0, QUERIES, text -> problems.append(text).append('\n'));
        System.out.println("DifferentialFuzzIT seed " + SEED + ": " + report);
        assertThat(problems.toString()).as(report.toString()).isEmpty();
        // the run must have compared real results: most queries ran in both engines, many returned rows
        assertThat(report.count(DifferentialFuzzer.Outcome.SAME)).as(report.toString()).isGreaterThan(QUERIES * 8 / 10);
        assertThat(report.nonEmpty).as(report.toString()).isGreaterThan(QUERIES / 2);
    }
}
