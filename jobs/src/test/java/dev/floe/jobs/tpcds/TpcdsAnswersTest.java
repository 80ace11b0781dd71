package dev.floe.jobs.tpcds;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison of {@code tpcds-check} as ../shared/tpcds/README.md states it. */
class TpcdsAnswersTest {
    @Test
    void decimalsMatchAtTheirScale() {
        assertThat(TpcdsAnswers.matches(new BigDecimal("45162.45"), "45162.45")).isTrue();
        assertThat(TpcdsAnswers.matches(new BigDecimal("45162.46"), "45162.45")).isFalse();
        assertThat(TpcdsAnswers.matches(new BigDecimal("-0.50"), "-0.50")).isTrue();
    }

    @Test
    void doublesMatchWithinOnePercent() {
        assertThat(TpcdsAnswers.matches(1.0151581328149206, "1.015158132814921")).isTrue();
        assertThat(TpcdsAnswers.matches(329.0, "329.0")).isTrue();
        assertThat(TpcdsAnswers.matches(116.0, "114.72")).isFalse();
        // DuckDB's avg of decimals is a double; a decimal avg with more digits matches within 1%
        assertThat(TpcdsAnswers.matches(new BigDecimal("194.407904"), "194.40790401301518")).isTrue();
    }

    @Test
    void integersMatchExactly() {
        assertThat(TpcdsAnswers.matches(329L, "329")).isTrue();
        assertThat(TpcdsAnswers.matches(329, "329")).isTrue();
        assertThat(TpcdsAnswers.matches(330L, "329")).isFalse();
    }

    @Test
    void nullTextAndDates() {
        assertThat(TpcdsAnswers.matches(null, "NULL")).isTrue();
        assertThat(TpcdsAnswers.matches("", "NULL")).isFalse();
        assertThat(TpcdsAnswers.matches(null, "0")).isFalse();
        assertThat(TpcdsAnswers.matches(LocalDate.of(2000, 2, 29), "2000-02-29")).isTrue();
        assertThat(TpcdsAnswers.matches("AAAAAAAAAAABBAAA", "AAAAAAAAAAABBAAB")).isFalse();
    }

    @Test
    void theFirstDifferenceNamesRowAndColumnAndRowCountsCount() {
        List<List<Object>> actual = new ArrayList<>();
        actual.add(Arrays.asList("a", 1L, new BigDecimal("2.50")));
        actual.add(Arrays.asList("b", 2L, null));
        assertThat(TpcdsAnswers.firstDifference(actual, List.of(new String[] {"a", "1", "2.50"},
                new String[] {"b", "2", "NULL"}))).isNull();
        assertThat(TpcdsAnswers.firstDifference(actual, List.of(new String[] {"a", "1", "2.50"},
                new String[] {"b", "3", "NULL"}))).startsWith("row 2 column 2: got 2, expected 3");
        assertThat(TpcdsAnswers.firstDifference(actual, List.<String[]>of(new String[] {"a", "1", "2.50"})))
                .isEqualTo("2 rows, the answer has 1");
    }

    @Test
    void theGeneratorsParsersAgreeWithJava() {
        assertThat(TpcdsGenerator.parseDate("1998-01-02")).isEqualTo((int) LocalDate.of(1998, 1, 2).toEpochDay());
        assertThat(TpcdsGenerator.parseDate("1900-03-01")).isEqualTo((int) LocalDate.of(1900, 3, 1).toEpochDay());
        assertThat(TpcdsGenerator.parseDate("2000-02-29")).isEqualTo((int) LocalDate.of(2000, 2, 29).toEpochDay());
        assertThat(TpcdsGenerator.parseDecimal("-12.5", 2)).isEqualTo(-1250L);
        assertThat(TpcdsGenerator.parseDecimal("-0.07", 2)).isEqualTo(-7L);
        assertThat(TpcdsGenerator.parseDecimal("100", 2)).isEqualTo(10000L);
        assertThat(TpcdsGenerator.parseLong("-42", 0, 3)).isEqualTo(-42L);
    }
}
