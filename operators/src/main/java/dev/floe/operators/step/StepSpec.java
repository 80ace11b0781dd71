package dev.floe.operators.step;

import dev.floe.api.types.Schema;
import java.io.Serializable;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The immutable, serializable description of a step: shipped inside the Flink job graph and
 * turned into a runnable {@link Step} on the TaskManager.
 */
public sealed interface StepSpec extends Serializable permits FilterSpec, ProjectSpec, LimitSpec {

    Schema inputSchema();

    Schema outputSchema();

    /** One line, the same text as the logical node it runs, e.g. {@code Filter: a > 1}. */
    String describe();

    Step create(BufferAllocator allocator);
}
