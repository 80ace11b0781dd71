package dev.floe.jobs.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The standard SQL texts {@code TpchCheck --sql} and the benchmark's peers run. */
class TpchSqlTextsTest {
    @Test
    void everyQueryIsOneStatementButQ15WhichCreatesItsViewFirst() {
        for (int n = 1; n <= TpchQueries.COUNT; n++) {
            List<String> statements = TpchQueries.sqlStatements(n);
            assertThat(statements).as("Q%d", n).hasSize(n == 15 ? 2 : 1);
            assertThat(statements.get(statements.size() - 1)).as("Q%d", n).startsWithIgnoringCase("SELECT")
                    .doesNotContain("--").doesNotEndWith(";");
        }
        assertThat(TpchQueries.sqlStatements(15).get(0)).startsWith("CREATE OR REPLACE VIEW revenue AS");
    }

    @Test
    void textsCarryTheQualificationParametersOfTheOfficialAnswers() {
        // TPC-H 3.0.1 clause 2.4: Q1 DELTA = 90, Q3 SEGMENT = BUILDING and DATE = 1995-03-15, Q18 QUANTITY = 300
        assertThat(TpchQueries.sqlStatements(1).get(0)).contains("DATE '1998-12-01' - INTERVAL '90' DAY");
        assertThat(TpchQueries.sqlStatements(3).get(0)).contains("'BUILDING'").contains("DATE '1995-03-15'");
        assertThat(TpchQueries.sqlStatements(18).get(0)).contains("> 300");
    }

    @Test
    void anUnknownQueryNumberSaysTheRange() {
        assertThatThrownBy(() -> TpchQueries.sqlStatements(23)).hasMessage("TPC-H has queries 1 to 22, not 23");
    }
}
