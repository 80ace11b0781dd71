package dev.floe.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.Floe;
import dev.floe.api.PlanException;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: a {@code floe.*} key that is no setting (a typo) and an unusable
 * {@code floe.action.timeout} fail when the session is built, naming the key (and the closest
 * setting), instead of being ignored. Remote sessions need no cluster to be built.
 */
class SettingsTest {

    private static Configuration of(String key, String value) {
        Configuration c = new Configuration();
        c.setString(key, value);
        return c;
    }

    @Test
    void aMisspelledSettingIsRefusedNamingTheClosestOne() {
        assertThatThrownBy(() -> Floe.builder().remote("127.0.0.1", 1).config("floe.join.broadcast-treshold", "1mb").build())
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("Unknown setting 'floe.join.broadcast-treshold'")
                .hasMessageContaining("did you mean 'floe.join.broadcast-threshold'?");
        assertThatThrownBy(() -> FlinkExecutor.validate(of("floe.action-timeout", "1 min")))
                .isInstanceOf(PlanException.class).hasMessageContaining("did you mean 'floe.action.timeout'?");
        assertThatThrownBy(() -> FlinkExecutor.validate(of("floe.something", "x")))
                .isInstanceOf(PlanException.class).hasMessageContaining("Unknown setting 'floe.something'")
                .hasMessageContaining("floe.operator.memory-budget");
    }

    @Test
    void everyDocumentedSettingAndFlinkKeysAreAccepted() {
        Configuration c = new Configuration();
        c.setString("floe.join.broadcast-threshold", "1mb");
        c.setString("floe.operator.memory-budget", "2mb");
        c.setString("floe.files.split-size", "16kb");
        c.setString("floe.action.timeout", "90 s");
        c.setString("floe.join.nested-loop-max-bytes", "4mb");
        c.setString("floe.plugins.dir", "/opt/flink/plugins");
        c.setString("floe.test.fail-once-in-operator", "Sort");
        c.setString("floe.progress", "false");
        c.setString("floe.collect.spill-threshold", "1mb");
        c.setString("taskmanager.memory.managed.size", "1g");
        c.setString("parallelism.default", "3");
        FlinkExecutor.validate(c);
        assertThat(FlinkExecutor.SETTINGS).hasSize(9);
    }

    @Test
    void aSpillThresholdThatIsNoSizeIsRefusedAtBuild() {
        assertThatThrownBy(() -> FlinkExecutor.validate(of("floe.collect.spill-threshold", "lots")))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("floe.collect.spill-threshold = 'lots' is not a size");
    }

    @Test
    void anUnusableTimeoutIsRefusedAtBuild() {
        assertThatThrownBy(() -> Floe.builder().remote("127.0.0.1", 1).config("floe.action.timeout", "soon").build())
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("floe.action.timeout = 'soon' is not a duration");
        assertThatThrownBy(() -> FlinkExecutor.validate(of("floe.action.timeout", "0 s")))
                .isInstanceOf(PlanException.class).hasMessageContaining("must be positive");
    }
}
