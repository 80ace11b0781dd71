package dev.floe.operators.step;

import java.util.List;

/**
 * A step that emits some of its input rows as they are (a filter, a limit): it holds one batch at
 * a time and never changes a value, so it needs no managed memory and keeps every column, and with
 * it any partitioning of its input. A spec states this by implementing this interface instead of
 * {@link StepSpec}; the choice is still the compiler's to enforce.
 */
public interface RowSubsetSpec extends StepSpec {
    @Override
    default int managedMemoryWeight() {
        return 0;
    }

    @Override
    default boolean keepsColumns(List<String> columns) {
        return true;
    }
}
