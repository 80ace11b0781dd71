package dev.floe.api;

import java.io.Serializable;
import java.util.function.Function;

/** A function that can be shipped to Flink TaskManagers. */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
