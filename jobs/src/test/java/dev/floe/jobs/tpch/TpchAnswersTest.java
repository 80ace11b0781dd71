package dev.floe.jobs.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TpchAnswersTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
            // integers in the answer: exact
            "L:1478493; 1478493; true",
            "L:1478494; 1478493; false",
            "D:37734107.00; 37734107.00; true",
            // sums: within min($100, 1%) after rounding to cents
            "D:53758257134.87; 53758257134.8700; true",
            "D:53758257200.00; 53758257134.8700; true",
            "D:53758257300.00; 53758257134.8700; false",
            // averages and ratios: 1% of the rounded answer
            "F:25.522005853257337; 25.522005853257337; true",
            "F:25.70; 25.522005853257337; true",
            "F:25.90; 25.522005853257337; false",
            "F:0.0499852958; 0.049985295838397614; true",
            // text, trimmed; dates as ISO text
            "S:Customer#000128120; Customer#000128120 ; true",
            "S:Customer#000128121; Customer#000128120; false",
            "T:1995-03-05; 1995-03-05; true",
    })
    void tolerances(String value, String answer, boolean expected) {
        assertThat(TpchAnswers.matches(parse(value), answer)).isEqualTo(expected);
    }

    @Test
    void nullMatchesOnlyAnEmptyField() {
        assertThat(TpchAnswers.matches(null, "")).isTrue();
        assertThat(TpchAnswers.matches(null, "0")).isFalse();
    }

    @Test
    void readsAnswerFilesAndComparesRowsInOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("q03.csv");
        Files.writeString(file, "l_orderkey|revenue|o_orderdate|o_shippriority\n"
                + "2456423|406181.0111|1995-03-05|0\n3459808|405838.6989|1995-03-04|0\n");
        List<String[]> answer = TpchAnswers.read(file);
        assertThat(answer).hasSize(2);

        List<Object> r1 = Arrays.asList(2456423L, new BigDecimal("406181.0111"), LocalDate.parse("1995-03-05"), 0);
        List<Object> r2 = Arrays.asList(3459808L, new BigDecimal("405838.6989"), LocalDate.parse("1995-03-04"), 0);
        assertThat(TpchAnswers.compare(List.of(r1, r2), answer)).isEmpty();
        assertThat(TpchAnswers.compare(List.of(r2, r1), answer)).first().asString().startsWith("row 0 column 1");
        assertThat(TpchAnswers.compare(List.of(r1), answer)).first().asString().startsWith("row count 1");
        assertThat(TpchAnswers.compare(List.of(r1.subList(0, 3), r2), answer)).first().asString().contains("3 columns");
    }

    private static Object parse(String typed) {
        String v = typed.substring(2);
        return switch (typed.charAt(0)) {
            case 'L' -> Long.parseLong(v);
            case 'D' -> new BigDecimal(v);
            case 'F' -> Double.parseDouble(v);
            case 'T' -> LocalDate.parse(v);
            default -> v;
        };
    }
}
