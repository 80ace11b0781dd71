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
import dev.floe.arrow.kernels.StringKernels.Case;
import dev.floe.arrow.kernels.StringKernels.Find;
import dev.floe.arrow.kernels.StringKernels.Side;
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
 * Every string kernel on one value beside a null (null in, null out) and on an empty vector:
 * code-point lengths and positions over multi-byte UTF-8, LIKE's fast paths and general
 * matcher, literal replace/split, Locale.ROOT case mapping, Unicode strip.
 */
class StringKernelsTest {

    private interface Kernel extends BiFunction<VarCharVector, BufferAllocator, FieldVector> {
    }

    private static Kernel find(Find op, String p) {
        return (s, a) -> StringKernels.find(op, s, Operand.scalar(string(), p), a);
    }

    private static Kernel like(String p) {
        return (s, a) -> LikeKernel.like(s, p, a);
    }

    /** description, kernel, result type, input, expected. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("contains", find(Find.CONTAINS, "ll"), bool(), "hello", true),
                Arguments.of("contains miss", find(Find.CONTAINS, "lo!"), bool(), "hello", false),
                Arguments.of("contains empty", find(Find.CONTAINS, ""), bool(), "", true),
                Arguments.of("contains utf8", find(Find.CONTAINS, "ü"), bool(), "grüße", true),
                Arguments.of("startsWith", find(Find.STARTS_WITH, "he"), bool(), "hello", true),
                Arguments.of("startsWith longer", find(Find.STARTS_WITH, "hello!"), bool(), "hello", false),
                Arguments.of("endsWith", find(Find.ENDS_WITH, "ße"), bool(), "grüße", true),
                Arguments.of("endsWith miss", find(Find.ENDS_WITH, "he"), bool(), "hello", false),
                Arguments.of("like exact", like("abc"), bool(), "abc", true),
                Arguments.of("like exact miss", like("abc"), bool(), "abcd", false),
                Arguments.of("like prefix", like("ab%"), bool(), "abcd", true),
                Arguments.of("like suffix", like("%cd"), bool(), "abcd", true),
                Arguments.of("like contains", like("%bc%"), bool(), "abcd", true),
                Arguments.of("like case-sensitive", like("%BC%"), bool(), "abcd", false),
                Arguments.of("like percent alone", like("%"), bool(), "", true),
                Arguments.of("like underscore", like("a_c"), bool(), "abc", true),
                Arguments.of("like underscore is one code point", like("gr_ße"), bool(), "grüße", true),
                Arguments.of("like underscore not two", like("gr__ße"), bool(), "grüße", false),
                Arguments.of("like general", like("%a%b_d%"), bool(), "xxaxxbcdyy", true),
                Arguments.of("like general backtrack", like("%ab%ab"), bool(), "ababab", true),
                Arguments.of("like general miss", like("a%b_"), bool(), "axxb", false),
                Arguments.of("length ascii", (Kernel) StringKernels::length, int64(), "hello", 5L),
                Arguments.of("length utf8", (Kernel) StringKernels::length, int64(), "grüße😀", 6L),
                Arguments.of("length empty", (Kernel) StringKernels::length, int64(), "", 0L),
                Arguments.of("upper ascii", (Kernel) (s, a) -> StringKernels.mapCase(Case.UPPER, s, a), string(), "abC1", "ABC1"),
                Arguments.of("upper utf8", (Kernel) (s, a) -> StringKernels.mapCase(Case.UPPER, s, a), string(), "straße", "STRASSE"),
                Arguments.of("lower i ROOT", (Kernel) (s, a) -> StringKernels.mapCase(Case.LOWER, s, a), string(), "TITLE İ", "title i̇"),
                Arguments.of("lower ascii", (Kernel) (s, a) -> StringKernels.mapCase(Case.LOWER, s, a), string(), "AbC", "abc"),
                Arguments.of("substr", (Kernel) (s, a) -> StringKernels.substr(s, 1, 3, a), string(), "hello", "ell"),
                Arguments.of("substr utf8", (Kernel) (s, a) -> StringKernels.substr(s, 2, 2, a), string(), "grüße", "üß"),
                Arguments.of("substr past end", (Kernel) (s, a) -> StringKernels.substr(s, 9, 2, a), string(), "hello", ""),
                Arguments.of("substr long length", (Kernel) (s, a) -> StringKernels.substr(s, 3, 99, a), string(), "hello", "lo"),
                Arguments.of("substr to end", (Kernel) (s, a) -> StringKernels.substr(s, 1, -1, a), string(), "h😀é", "😀é"),
                Arguments.of("strip", (Kernel) (s, a) -> StringKernels.strip(Side.BOTH, s, a), string(), " \t a b \n", "a b"),
                Arguments.of("strip unicode", (Kernel) (s, a) -> StringKernels.strip(Side.BOTH, s, a), string(), "\u3000é\u00A0", "é"),
                Arguments.of("strip all white", (Kernel) (s, a) -> StringKernels.strip(Side.BOTH, s, a), string(), "   ", ""),
                Arguments.of("lstrip", (Kernel) (s, a) -> StringKernels.strip(Side.LEFT, s, a), string(), "  a  ", "a  "),
                Arguments.of("rstrip", (Kernel) (s, a) -> StringKernels.strip(Side.RIGHT, s, a), string(), "  a  ", "  a"),
                Arguments.of("replace", (Kernel) (s, a) -> StringKernels.replace(s, "ab", "x", a), string(), "abcabab", "xcxx"),
                Arguments.of("replace literal dot", (Kernel) (s, a) -> StringKernels.replace(s, ".", "ü", a), string(), "a.b.", "aübü"),
                Arguments.of("replace empty pattern", (Kernel) (s, a) -> StringKernels.replace(s, "", "x", a), string(), "ab", "ab"),
                Arguments.of("split", (Kernel) (s, a) -> StringKernels.split(s, ", ", a), list(string()), "a, b, , c",
                        List.of("a", "b", "", "c")),
                Arguments.of("split no sep", (Kernel) (s, a) -> StringKernels.split(s, ",", a), list(string()), "abc", List.of("abc")),
                Arguments.of("split empty string", (Kernel) (s, a) -> StringKernels.split(s, ",", a), list(string()), "", List.of("")),
                Arguments.of("split chars", (Kernel) (s, a) -> StringKernels.split(s, "", a), list(string()), "aü😀",
                        List.of("a", "ü", "😀")),
                Arguments.of("match anywhere", (Kernel) (s, a) -> RegexKernels.matches(s, "[0-9]+", a), bool(), "ab12c", true),
                Arguments.of("match miss", (Kernel) (s, a) -> RegexKernels.matches(s, "^[0-9]+$", a), bool(), "ab12c", false),
                Arguments.of("extract group, ASCII word class as RE2", (Kernel) (s, a) -> RegexKernels.extract(s, "(\\w+)@(\\w+)", 2, a), string(),
                        "mail bob@exämple now", "ex"),
                Arguments.of("extract whole", (Kernel) (s, a) -> RegexKernels.extract(s, "[0-9]+", 0, a), string(), "a123b", "123"),
                Arguments.of("extract no match is null", (Kernel) (s, a) -> RegexKernels.extract(s, "[0-9]+", 0, a), string(),
                        "abc", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kernel(String what, Kernel kernel, DataType type, String input, Object expected) {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("strings");
                VarCharVector in = (VarCharVector) vec(a.get(), string(), withNull(input));
                VarCharVector empty = (VarCharVector) vec(a.get(), string());
                FieldVector out = kernel.apply(in, a.get());
                FieldVector none = kernel.apply(empty, a.get())) {
            assertValues(out, type, Arrays.asList(expected, null), what);
            assertThat(none.getValueCount()).as(what + " on an empty vector").isZero();
            // a zero-row slice has no offset buffer at all
            TransferPair slice = in.getTransferPair(a.get());
            slice.splitAndTransfer(0, 0);
            try (VarCharVector zero = (VarCharVector) slice.getTo();
                    FieldVector zeroOut = kernel.apply(zero, a.get())) {
                assertThat(zeroOut.getValueCount()).as(what + " on a zero-row slice").isZero();
            }
        }
    }

    @Test
    void findAgainstAColumnOfPatterns() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("find-column");
                VarCharVector s = (VarCharVector) vec(a.get(), string(), "hello", "grüße", null, "abc", "");
                VarCharVector p = (VarCharVector) vec(a.get(), string(), "ell", "x", "a", null, "");
                FieldVector c = StringKernels.find(Find.CONTAINS, s, Operand.of(p, string()), a.get());
                FieldVector e = StringKernels.find(Find.ENDS_WITH, s, Operand.of(p, string()), a.get());
                FieldVector nul = StringKernels.find(Find.CONTAINS, s, Operand.scalar(string(), null), a.get())) {
            assertValues(c, bool(), Arrays.asList(true, false, null, null, true), "contains column");
            assertValues(e, bool(), Arrays.asList(false, false, null, null, true), "endsWith column");
            assertValues(nul, bool(), Arrays.asList(null, null, null, null, null), "contains null");
        }
    }

    @Test
    void concatWithScalarsAndNulls() {
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("concat");
                VarCharVector s = (VarCharVector) vec(a.get(), string(), "a", null, "ü", "");
                VarCharVector t = (VarCharVector) vec(a.get(), string(), "b", "c", null, "");
                FieldVector both = StringKernels.concat(Operand.of(s, string()), Operand.of(t, string()), 4, a.get());
                FieldVector suffix = StringKernels.concat(Operand.of(s, string()), Operand.scalar(string(), "!"), 4, a.get());
                FieldVector nul = StringKernels.concat(Operand.scalar(string(), null), Operand.of(t, string()), 4, a.get())) {
            assertValues(both, string(), Arrays.asList("ab", null, null, ""), "concat columns");
            assertValues(suffix, string(), Arrays.asList("a!", null, "ü!", "!"), "concat scalar");
            assertValues(nul, string(), Arrays.asList(null, null, null, null), "concat null scalar");
        }
    }

    @Test
    void resultsGrowPastTheInitialBuffer() {
        String big = "é".repeat(5000);
        try (LeakCheckingAllocator a = new LeakCheckingAllocator("grow");
                VarCharVector s = (VarCharVector) vec(a.get(), string(), "x", "yy", null, "z");
                FieldVector out = StringKernels.replace(s, "y", big, a.get());
                FieldVector upper = StringKernels.mapCase(Case.UPPER, (VarCharVector) out, a.get())) {
            assertValues(out, string(), Arrays.asList("x", big + big, null, "z"), "replace growing");
            assertValues(upper, string(), Arrays.asList("X", ("É".repeat(5000)).repeat(2), null, "Z"), "upper growing");
        }
    }
}
