package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.arrow.kernels.JsonPathKernels;
import dev.floe.arrow.kernels.RegexKernels;
import dev.floe.arrow.kernels.TextKernels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * String functions called through {@link FunctionCall}, each defined once: printed name, number of
 * string arguments (-1: any number), literal parameters, result type and kernel. Built by
 * {@link dev.floe.api.StringExpressions} and {@link dev.floe.api.Functions#concatWs}.
 */
public enum StringFn implements ScalarFn {
    REGEXP_REPLACE("regexp_replace", 1, 2, DataType.string(),
            (v, s, c, n, a) -> RegexKernels.replaceAll(str(v, 0), c.text(0), c.text(1), a)),
    REGEXP_SPLIT("regexp_split", 1, 1, DataType.list(DataType.string()),
            (v, s, c, n, a) -> RegexKernels.split(str(v, 0), c.text(0), a)),
    LPAD("lpad", 1, 2, DataType.string(), (v, s, c, n, a) -> TextKernels.pad(str(v, 0), c.number(0), c.text(1), true, a)),
    RPAD("rpad", 1, 2, DataType.string(), (v, s, c, n, a) -> TextKernels.pad(str(v, 0), c.number(0), c.text(1), false, a)),
    LEFT("left", 1, 1, DataType.string(), (v, s, c, n, a) -> TextKernels.leftRight(str(v, 0), c.number(0), true, a)),
    RIGHT("right", 1, 1, DataType.string(), (v, s, c, n, a) -> TextKernels.leftRight(str(v, 0), c.number(0), false, a)),
    REVERSE("reverse", 1, 0, DataType.string(), (v, s, c, n, a) -> TextKernels.reverse(str(v, 0), a)),
    REPEAT("repeat", 1, 1, DataType.string(), (v, s, c, n, a) -> TextKernels.repeat(str(v, 0), c.number(0), a)),
    TRANSLATE("translate", 1, 2, DataType.string(),
            (v, s, c, n, a) -> TextKernels.translate(str(v, 0), c.text(0), c.text(1), a)),
    INITCAP("initcap", 1, 0, DataType.string(), (v, s, c, n, a) -> TextKernels.initcap(str(v, 0), a)),
    INSTR("instr", 2, 0, DataType.int64(), (v, s, c, n, a) -> TextKernels.position(str(v, 0), str(v, 1), 1, a)),
    FIND("find", 2, 0, DataType.int64(), (v, s, c, n, a) -> TextKernels.position(str(v, 0), str(v, 1), 0, a)),
    LEVENSHTEIN("levenshtein", 2, 0, DataType.int64(), (v, s, c, n, a) -> TextKernels.levenshtein(str(v, 0), str(v, 1), a)),
    SPLIT_PART("split_part", 1, 2, DataType.string(),
            (v, s, c, n, a) -> TextKernels.splitPart(str(v, 0), c.text(0), c.number(1), a)),
    CONCAT_WS("concat_ws", -1, 1, DataType.string(), (v, s, c, n, a) -> {
        VarCharVector[] parts = new VarCharVector[v.length];
        for (int i = 0; i < v.length; i++) {
            parts[i] = str(v, i);
        }
        return TextKernels.concatWs(c.text(0), parts, n, a);
    }),
    ILIKE("ilike", 1, 1, DataType.bool(), (v, s, c, n, a) -> TextKernels.ilike(str(v, 0), c.text(0), a)),
    JSON_EXTRACT("get_json_object", 1, 1, DataType.string(),
            (v, s, c, n, a) -> JsonPathKernels.extract(str(v, 0), JsonPathKernels.compile(c.text(0)), a));

    private final String fn;
    private final int args;
    private final int params;
    private final DataType result;
    private final Kernel kernel;

    StringFn(String fn, int args, int params, DataType result, Kernel kernel) {
        this.fn = fn;
        this.args = args;
        this.params = params;
        this.result = result;
        this.kernel = kernel;
    }

    private static VarCharVector str(FieldVector[] v, int i) {
        return (VarCharVector) v[i];
    }

    @Override
    public String fn() {
        return fn;
    }

    @Override
    public void validate(List<Object> p, String what) {
        if (p.size() != params) {
            throw new IllegalArgumentException(fn + " takes " + params + " parameters, got " + p);
        }
        for (Object x : p) {
            if (x == null) {
                throw new PlanException("A parameter of " + what + " is null; pass a value (\"\" for an empty string)");
            }
        }
        switch (this) {
            case REGEXP_REPLACE, REGEXP_SPLIT -> {
                try {
                    Pattern.compile((String) p.get(0));
                } catch (PatternSyntaxException e) {
                    throw new PlanException("Invalid regular expression in " + what + ": " + e.getMessage(), e);
                }
            }
            case JSON_EXTRACT -> {
                try {
                    JsonPathKernels.compile((String) p.get(0));
                } catch (IllegalArgumentException e) {
                    throw new PlanException("Invalid JSON path in " + what + ": " + e.getMessage(), e);
                }
            }
            case SPLIT_PART -> {
                if (((Number) p.get(1)).longValue() == 0) {
                    throw new PlanException("splitPart index is 1-based (negative counts from the end), got 0 in "
                            + what);
                }
            }
            default -> {
            }
        }
    }

    @Override
    public Signature bind(List<DataType> in, List<Object> p, String what) {
        if (args >= 0 ? in.size() != args : in.isEmpty()) {
            throw new PlanException(what + " takes " + (args < 0 ? "at least one" : String.valueOf(args))
                    + " string argument(s), got " + in.size());
        }
        for (int i = 0; i < in.size(); i++) {
            DataType t = in.get(i);
            if (t.kind() != Kind.STRING && t.kind() != Kind.NULL) {
                throw new PlanException(fn + " needs strings but argument " + (i + 1) + " is " + t + " in " + what
                        + "; cast it with .cast(DataType.string()) first");
            }
        }
        return new Signature(new ArrayList<>(Collections.nCopies(in.size(), DataType.string())), result);
    }

    @Override
    public FieldVector apply(FieldVector[] v, Signature signature, FunctionCall call, int n, BufferAllocator allocator) {
        return kernel.apply(v, signature, call, n, allocator);
    }
}
