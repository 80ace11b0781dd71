package dev.floe.operators.step;

import java.util.List;

/**
 * A step that ends a stage (a split before an exchange, a range sample, a write): it holds at most
 * a small, bounded amount (one batch, a few hundred sample rows, a row group per open file), so it
 * needs no managed memory, and what it emits is not its input rows under their names, so it keeps
 * no partitioning (the exchange that follows states the one it establishes). A spec states this by
 * implementing this interface instead of {@link StepSpec}; the choice is still the compiler's to
 * enforce.
 */
public interface StageEndSpec extends StepSpec {
    @Override
    default int managedMemoryWeight() {
        return 0;
    }

    @Override
    default boolean keepsColumns(List<String> columns) {
        return false;
    }
}
