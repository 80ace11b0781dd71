package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.arrow.kernels.ListFunctionKernels;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * List functions called through {@link FunctionCall}, each defined once: printed name, type rule
 * and kernel. The first argument is the list; built by {@link dev.floe.api.ListExpressions}.
 */
public enum ListFn implements ScalarFn {
    CONTAINS("list_contains"), SORT("list_sort"), DISTINCT("list_distinct"), SLICE("list_slice"),
    FLATTEN("flatten"), COUNT("list_count"), MEAN("list_mean");

    private final String fn;

    ListFn(String fn) {
        this.fn = fn;
    }

    @Override
    public String fn() {
        return fn;
    }

    @Override
    public void validate(List<Object> params, String what) {
        int expected = switch (this) {
            case SORT -> 1;
            case SLICE -> 2;
            default -> 0;
        };
        if (params.size() != expected || params.contains(null)) {
            throw new IllegalArgumentException(what + " takes " + expected + " parameters, got " + params);
        }
    }

    @Override
    public Signature bind(List<DataType> in, List<Object> params, String what) {
        int args = this == CONTAINS ? 2 : 1;
        if (in.size() != args) {
            throw new PlanException(what + ": " + fn + " takes " + args + " argument(s), got " + in.size());
        }
        DataType t = in.get(0);
        if (t.kind() == Kind.NULL) {
            t = DataType.list(DataType.nullType());
        }
        if (!(t instanceof DataType.ListOf l)) {
            throw new PlanException("list()." + fn.replace("list_", "") + " needs a list but got " + t + " in " + what);
        }
        DataType element = l.element();
        return switch (this) {
            case CONTAINS -> {
                DataType v = in.get(1);
                if (v.kind() != Kind.NULL && !v.equals(element) && !(v.isNumeric() && element.isNumeric())
                        && !(v.isTemporal() && element.isTemporal())) {
                    throw new PlanException("list().contains compares " + v + " with elements of type " + element
                            + " in " + what + "; cast the value to " + element);
                }
                yield new Signature(List.of(t, element), DataType.bool());
            }
            case SORT, DISTINCT -> {
                orderable(element, what);
                yield new Signature(List.of(t), t);
            }
            case SLICE -> new Signature(List.of(t), t);
            case FLATTEN -> {
                if (!(element instanceof DataType.ListOf inner)) {
                    throw new PlanException("list().flatten needs a list of lists but got " + t + " in " + what);
                }
                yield new Signature(List.of(t), inner);
            }
            case COUNT -> new Signature(List.of(t), DataType.int64());
            case MEAN -> {
                if (!element.isNumeric() && element.kind() != Kind.NULL) {
                    throw new PlanException("list().mean needs numeric elements but they are " + element + " in " + what);
                }
                yield new Signature(List.of(t), DataType.float64());
            }
        };
    }

    private static void orderable(DataType element, String what) {
        switch (element.kind()) {
            case STRUCT, INTERVAL, LIST, MAP -> throw new PlanException(what + " needs elements with an order but they are " + element);
            default -> {
            }
        }
    }

    @Override
    public FieldVector apply(FieldVector[] v, Signature s, FunctionCall call, int n, BufferAllocator a) {
        ListVector lists = (ListVector) v[0];
        DataType element = ((DataType.ListOf) s.args().get(0)).element();
        return switch (this) {
            case CONTAINS -> ListFunctionKernels.contains(lists, v[1], element, a);
            case SORT -> ListFunctionKernels.sort(lists, element, (Boolean) call.params().get(0), a);
            case DISTINCT -> ListFunctionKernels.distinct(lists, element, a);
            case SLICE -> ListFunctionKernels.slice(lists, element, call.number(0), call.number(1), a);
            case FLATTEN -> ListFunctionKernels.flatten(lists, ((DataType.ListOf) element).element(), a);
            case COUNT -> ListFunctionKernels.count(lists, a);
            case MEAN -> ListFunctionKernels.mean(lists, element, a);
        };
    }
}
