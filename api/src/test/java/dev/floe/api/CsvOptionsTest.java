package dev.floe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Options that cannot work together fail at {@code build()} with a message naming the options,
 * the bad value and what to do, instead of reading wrong rows or failing at the first action.
 */
class CsvOptionsTest {

    static Stream<Arguments> clashes() {
        return Stream.of(
                Arguments.of("delimiter = quote", (Supplier<CsvOptions>) () -> CsvOptions.builder().delimiter('"').build(),
                        new String[] {"delimiter and quote are both '\"'", "give quote another character"}),
                Arguments.of("quote = delimiter", (Supplier<CsvOptions>) () -> CsvOptions.builder().quote(',').build(),
                        new String[] {"delimiter and quote are both ','"}),
                Arguments.of("delimiter = escape", (Supplier<CsvOptions>) () -> CsvOptions.builder().delimiter('|')
                        .escape('|').build(), new String[] {"delimiter and escape are both '|'"}),
                Arguments.of("line break delimiter", (Supplier<CsvOptions>) () -> CsvOptions.builder().delimiter('\n')
                        .build(), new String[] {"delimiter is '\\n'", "line breaks end rows"}),
                Arguments.of("no rows to infer from", (Supplier<CsvOptions>) () -> CsvOptions.builder().inferRows(0)
                        .build(), new String[] {"inferRows is 0"}),
                Arguments.of("bad pattern letter", (Supplier<CsvOptions>) () -> CsvOptions.builder().dateFormat("yyyy-bb-dd")
                        .build(), new String[] {"dateFormat 'yyyy-bb-dd' is not a valid java.time pattern",
                                "dd/MM/yyyy"}),
                Arguments.of("unclosed quote in pattern", (Supplier<CsvOptions>) () -> CsvOptions.builder()
                        .dateFormat("yyyy'T").build(), new String[] {"dateFormat 'yyyy'T'"}),
                Arguments.of("time-only pattern", (Supplier<CsvOptions>) () -> CsvOptions.builder().dateFormat("HH:mm")
                        .build(), new String[] {"dateFormat 'HH:mm' cannot read dates", "year, month and day"}),
                Arguments.of("pattern without a year", (Supplier<CsvOptions>) () -> CsvOptions.builder()
                        .dateFormat("dd/MM").build(), new String[] {"dateFormat 'dd/MM' cannot read dates"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clashes")
    void rejectedAtBuildNamingTheOptions(String what, Supplier<CsvOptions> build, String[] expected) {
        assertThatThrownBy(build::get).as(what).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(expected);
    }

    @Test
    void validCombinationsBuild() {
        assertThat(CsvOptions.defaults().escape()).isEqualTo('"');
        assertThat(CsvOptions.builder().delimiter('|').quote('\'').escape('\\').build().delimiter()).isEqualTo('|');
        assertThat(CsvOptions.builder().delimiter('\t').build().delimiter()).isEqualTo('\t');
        assertThat(CsvOptions.builder().dateFormat("dd/MM/yyyy").build().dateFormat()).isEqualTo("dd/MM/yyyy");
        assertThat(CsvOptions.builder().dateFormat("MMM d, uuuu").build().dateFormat()).isEqualTo("MMM d, uuuu");
    }
}
