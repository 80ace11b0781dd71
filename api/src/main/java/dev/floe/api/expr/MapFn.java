package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.DataType.Kind;
import dev.floe.arrow.kernels.MapKernels;
import dev.floe.arrow.kernels.NestedKernels;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Map functions called through {@link FunctionCall}, each defined once: printed name (DuckDB's),
 * type rule and kernel. The first argument is the map, except for {@link #FROM_ARRAYS} which
 * builds one; built by {@link dev.floe.api.MapExpressions} and {@code Functions.mapFromArrays}.
 */
public enum MapFn implements ScalarFn {
    GET("map_extract_value"), KEYS("map_keys"), VALUES("map_values"), SIZE("cardinality"),
    FROM_ARRAYS("map_from_arrays");

    private final String fn;

    MapFn(String fn) {
        this.fn = fn;
    }

    @Override
    public String fn() {
        return fn;
    }

    @Override
    public Signature bind(List<DataType> in, List<Object> params, String what) {
        int args = this == GET || this == FROM_ARRAYS ? 2 : 1;
        if (in.size() != args) {
            throw new PlanException(what + ": " + fn + " takes " + args + " argument(s), got " + in.size());
        }
        if (this == FROM_ARRAYS) {
            DataType keys = list(in.get(0), "keys", what);
            DataType values = list(in.get(1), "values", what);
            DataType key = ((DataType.ListOf) keys).element();
            if (key.kind() == Kind.NULL) {
                throw new PlanException(what + ": the keys are a list of nulls; map keys need a type (cast them)");
            }
            return new Signature(List.of(keys, values), DataType.map(key, ((DataType.ListOf) values).element()));
        }
        DataType t = in.get(0);
        if (!(t instanceof DataType.MapOf m)) {
            throw new PlanException("map()." + name().toLowerCase(java.util.Locale.ROOT) + " needs a map but got " + t
                    + " in " + what + (t instanceof DataType.Struct ? "; for a struct use struct().get(field)" : ""));
        }
        return switch (this) {
            case GET -> {
                DataType k = in.get(1);
                if (k.kind() != Kind.NULL && !k.equals(m.key()) && !(k.isNumeric() && m.key().isNumeric())
                        && !(k.isTemporal() && m.key().isTemporal())) {
                    throw new PlanException("map().get looks up a " + k + " key in a map with " + m.key()
                            + " keys in " + what + "; cast the key to " + m.key());
                }
                yield new Signature(List.of(t, m.key()), m.value());
            }
            case KEYS -> new Signature(List.of(t), DataType.list(m.key()));
            case VALUES -> new Signature(List.of(t), DataType.list(m.value()));
            case SIZE -> new Signature(List.of(t), DataType.int64());
            case FROM_ARRAYS -> throw new IllegalStateException();
        };
    }

    private static DataType list(DataType t, String which, String what) {
        if (t.kind() == Kind.NULL) {
            return DataType.list(DataType.nullType());
        }
        if (!(t instanceof DataType.ListOf)) {
            throw new PlanException(what + ": map_from_arrays needs a list of " + which + " but got " + t);
        }
        return t;
    }

    @Override
    public FieldVector apply(FieldVector[] v, Signature s, FunctionCall call, int n, BufferAllocator a) {
        ListVector first = (ListVector) v[0];
        if (this == FROM_ARRAYS) {
            DataType.MapOf m = (DataType.MapOf) s.result();
            return MapKernels.fromArrays(first, (ListVector) v[1], m.key(), m.value(), a);
        }
        DataType.MapOf m = (DataType.MapOf) s.args().get(0);
        return switch (this) {
            case GET -> MapKernels.get(first, v[1], m.key(), m.value(), a);
            case KEYS -> MapKernels.keys(first, m.key(), a);
            case VALUES -> MapKernels.values(first, m.value(), a);
            case SIZE -> NestedKernels.length(first, a);
            case FROM_ARRAYS -> throw new IllegalStateException();
        };
    }
}
