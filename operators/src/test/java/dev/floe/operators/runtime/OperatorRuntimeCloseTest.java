package dev.floe.operators.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A failure found while closing (a leaked buffer, a file that cannot be deleted) fails an
 * operator that completed its output, but is only logged when the operator closes after a
 * failure: Flink closes a failed task's operators inside its failure handling, where a second
 * exception takes down the TaskManager (the fuzzer's seed 31 query 98 hung every later action of
 * the session that way). Either way everything else the runtime holds is still released.
 */
class OperatorRuntimeCloseTest {
    private static final String LEAK = "Memory was leaked by query. Memory leaked: (64)";

    @Test
    void aCloseFailureFailsACompletedOperator() {
        OperatorRuntime runtime = OperatorRuntime.standalone("leaky", 0);
        runtime.own(() -> {
            throw new IllegalStateException(LEAK);
        });
        runtime.completed();
        assertThatThrownBy(runtime::close).isInstanceOf(IllegalStateException.class).hasMessage(LEAK);
        assertThat(runtime.allocator().getAllocatedMemory()).isZero();
    }

    @Test
    void aCloseFailureAfterAFailedRunIsLoggedNotThrown() {
        OperatorRuntime runtime = OperatorRuntime.standalone("failed", 0);
        runtime.own(() -> {
            throw new IllegalStateException(LEAK);
        });
        assertThatCode(runtime::close).doesNotThrowAnyException();
        assertThat(runtime.allocator().getAllocatedMemory()).isZero();
    }
}
