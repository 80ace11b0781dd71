package dev.floe.operators.runtime;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.execution.Environment;

/**
 * <b>Test hook</b>, not a feature: with {@code floe.test.fail-once-in-operator} set to a piece of an
 * operator's name (its plan description, e.g. {@code FinalAggregate}), the first attempt of subtask 0
 * of every operator (through its {@link OperatorRuntime}) whose name contains it throws on its first batch (or at its end of
 * input when it gets none). Failover tests
 * use it to prove that a restarted region yields the exact result; unset (the default) it costs one
 * string lookup per operator start.
 *
 * <pre>{@code Floe.builder().config("floe.test.fail-once-in-operator", "FinalAggregate").build()}</pre>
 */
public final class FailureInjection {
    /** The operator-name fragment whose first attempt fails; read from the job, then the TaskManager, configuration. */
    public static final ConfigOption<String> FAIL_ONCE_IN_OPERATOR = ConfigOptions
            .key("floe.test.fail-once-in-operator").stringType().noDefaultValue()
            .withDescription("Test hook: fail attempt 0 of subtask 0 of the operators whose name contains this");

    private FailureInjection() {
    }

    /** Whether this attempt of this subtask of {@code operatorName} must fail once. */
    static boolean armed(Environment env, String operatorName) {
        String target = env.getJobConfiguration().get(FAIL_ONCE_IN_OPERATOR);
        if (target == null) {
            Configuration tm = env.getTaskManagerInfo().getConfiguration();
            target = tm.get(FAIL_ONCE_IN_OPERATOR);
        }
        return target != null && !target.isEmpty() && operatorName.contains(target)
                && env.getTaskInfo().getAttemptNumber() == 0 && env.getTaskInfo().getIndexOfThisSubtask() == 0;
    }

    static RuntimeException failure(String operatorName) {
        return new IllegalStateException("Injected failure (test hook " + FAIL_ONCE_IN_OPERATOR.key() + ") in '"
                + operatorName + "', attempt 0 of subtask 0; a restarted attempt runs normally");
    }
}
