package dev.floe.arrow.kernels;

import static dev.floe.api.types.DataType.bool;
import static dev.floe.api.types.DataType.int64;
import static dev.floe.api.types.DataType.list;
import static dev.floe.api.types.DataType.string;
import static dev.floe.arrow.kernels.KernelFixtures.assertValues;
import static dev.floe.arrow.kernels.KernelFixtures.vec;
import static dev.floe.arrow.kernels.KernelFixtures.withNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.api.types.DataType;
import dev.floe.arrow.testing.LeakCheckingAllocator;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TextKernels} and the regex replace/split of {@link RegexKernels} on one value beside a
 * null, on an empty vector and on a zero-row slice; expected values from the SQL/Spark
 * definitions (Levenshtein's kitten/sitting = 3, split_part counting from 1, ...).
 */
class TextKernelsTest {

    private interface Kernel extends BiFunction<VarCharVector, BufferAllocator, FieldVector> {
    }

    private static Kernel k(Kernel k) {
        return k;
    }

    /** A kernel of the string and a second string column holding {@code other} in every row. */
    private static Kernel withColumn(String other, TriKernel kernel) {
        return (s, a) -> {
            Object[] values = new Object[s.getValueCount()];
            Arrays.fill(values, other);
            try (VarCharVector o = (VarCharVector) vec(a, string(), values)) {
                return kernel.apply(s, o, a);
            }
        };
    }

    private interface TriKernel {
        FieldVector apply(VarCharVector s, VarCharVector other, BufferAllocator a);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("lpad", k((s, a) -> TextKernels.pad(s, 5, "xy", true, a)), string(), "ab", "xyxab"),
                Arguments.of("lpad cuts", k((s, a) -> TextKernels.pad(s, 2, "x", true, a)), string(), "ü😀é", "ü😀"),
                Arguments.of("rpad utf8 pad", k((s, a) -> TextKernels.pad(s, 3, "é", false, a)), string(), "ü", "üéé"),
                Arguments.of("pad empty pad", k((s, a) -> TextKernels.pad(s, 5, "", true, a)), string(), "ab", "ab"),
                Arguments.of("pad negative", k((s, a) -> TextKernels.pad(s, -1, "x", true, a)), string(), "ab", ""),
                Arguments.of("left", k((s, a) -> TextKernels.leftRight(s, 2, true, a)), string(), "ü😀é", "ü😀"),
                Arguments.of("right", k((s, a) -> TextKernels.leftRight(s, 2, false, a)), string(), "aü😀", "ü😀"),
                Arguments.of("right longer", k((s, a) -> TextKernels.leftRight(s, 9, false, a)), string(), "ab", "ab"),
                Arguments.of("reverse", k(TextKernels::reverse), string(), "aü😀", "😀üa"),
                Arguments.of("repeat", k((s, a) -> TextKernels.repeat(s, 3, a)), string(), "ü", "üüü"),
                Arguments.of("repeat zero", k((s, a) -> TextKernels.repeat(s, 0, a)), string(), "ü", ""),
                Arguments.of("translate", k((s, a) -> TextKernels.translate(s, "aü😀", "xé", a)), string(), "aü😀b", "xéb"),
                Arguments.of("initcap", k(TextKernels::initcap), string(), "hELLO wORLD", "Hello World"),
                Arguments.of("initcap utf8", k(TextKernels::initcap), string(), "élan ÜBER  x", "Élan Über  X"),
                Arguments.of("instr", withColumn("😀", (s, o, a) -> TextKernels.position(s, o, 1, a)), int64(), "aü😀", 3L),
                Arguments.of("instr miss", withColumn("z", (s, o, a) -> TextKernels.position(s, o, 1, a)), int64(), "abc", 0L),
                Arguments.of("find", withColumn("c", (s, o, a) -> TextKernels.position(s, o, 0, a)), int64(), "abc", 2L),
                Arguments.of("find miss", withColumn("z", (s, o, a) -> TextKernels.position(s, o, 0, a)), int64(), "abc", -1L),
                Arguments.of("levenshtein", withColumn("sitting", TextKernels::levenshtein), int64(), "kitten", 3L),
                Arguments.of("levenshtein chars", withColumn("u", TextKernels::levenshtein), int64(), "ü", 1L),
                Arguments.of("levenshtein empty", withColumn("", TextKernels::levenshtein), int64(), "abc", 3L),
                Arguments.of("split_part", k((s, a) -> TextKernels.splitPart(s, ",", 2, a)), string(), "a,b,c", "b"),
                Arguments.of("split_part last", k((s, a) -> TextKernels.splitPart(s, ",", -1, a)), string(), "a,b,c", "c"),
                Arguments.of("split_part out of range", k((s, a) -> TextKernels.splitPart(s, ",", 4, a)), string(), "a,b,c", ""),
                Arguments.of("split_part empty delimiter", k((s, a) -> TextKernels.splitPart(s, "", 1, a)), string(), "abc", "abc"),
                Arguments.of("ilike", k((s, a) -> TextKernels.ilike(s, "%ÜB_R%", a)), bool(), "xxüber", true),
                Arguments.of("ilike miss", k((s, a) -> TextKernels.ilike(s, "a%", a)), bool(), "BA", false),
                Arguments.of("regexp replace all", k((s, a) -> RegexKernels.replaceAll(s, "[0-9]+", "#", a)), string(),
                        "a1b22c", "a#b#c"),
                Arguments.of("regexp replace group", k((s, a) -> RegexKernels.replaceAll(s, "(a)(b)", "$2$1", a)), string(),
                        "abab", "baba"),
                Arguments.of("json member", k((s, a) -> JsonPathKernels.extract(s, JsonPathKernels.compile("$.a.b"), a)), string(),
                        "{ \"a\" : {\"x\": [1, {\"b\": 0}], \"b\": \"q\\\"\\u00e9\\ud83d\\ude00\"} }", "q\"é😀"),
                Arguments.of("json array minified", k((s, a) -> JsonPathKernels.extract(s, JsonPathKernels.compile("$['a']"), a)), string(),
                        "{\"a\": [1, \"x y\", {\"c\": null}]}", "[1,\"x y\",{\"c\":null}]"),
                Arguments.of("json index", k((s, a) -> JsonPathKernels.extract(s, JsonPathKernels.compile("$[2]"), a)), string(),
                        "[1, 2.50, -3e5]", "-3e5"),
                Arguments.of("json null", k((s, a) -> JsonPathKernels.extract(s, JsonPathKernels.compile("$.a"), a)), string(),
                        "{\"a\": null}", null),
                Arguments.of("json malformed", k((s, a) -> JsonPathKernels.extract(s, JsonPathKernels.compile("$.b"), a)), string(),
                        "{\"a\": 1", null),
                Arguments.of("regexp split keeps empty parts", k((s, a) -> RegexKernels.split(s, ",\\s*", a)), list(string()),
                        "a, b,,c,", List.of("a", "b", "", "c", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kernel(String what, Kernel kernel, DataType type, String input, Object expected) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("text");
                VarCharVector in = (VarCharVector) vec(a.get(), string(), withNull(input));
                VarCharVector empty = (VarCharVector) vec(a.get(), string());
                FieldVector out = kernel.apply(in, a.get());
                FieldVector none = kernel.apply(empty, a.get())) {
            assertValues(out, type, Arrays.asList(expected, null), what);
            assertThat(none.getValueCount()).as(what + " on an empty vector").isZero();
            TransferPair slice = in.getTransferPair(a.get());
            slice.splitAndTransfer(0, 0);
            try (VarCharVector zero = (VarCharVector) slice.getTo();
                    FieldVector zeroOut = kernel.apply(zero, a.get())) {
                assertThat(zeroOut.getValueCount()).as(what + " on a zero-row slice").isZero();
            }
        }
    }

    @Test
    void concatWsSkipsNulls() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("concat-ws");
                VarCharVector x = (VarCharVector) vec(a.get(), string(), "a", null, null, "");
                VarCharVector y = (VarCharVector) vec(a.get(), string(), "b", "c", null, "ü");
                FieldVector out = TextKernels.concatWs("--", new VarCharVector[] {x, y}, 4, a.get())) {
            assertValues(out, string(), Arrays.asList("a--b", "c", "", "--ü"), "concat_ws");
        }
    }
}
