package dev.floe.translator;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.junit.jupiter.api.Test;

/** Floe's logging defaults apply only where the user has said nothing (UserProgramIT runs a real program). */
class QuietLogsTest {
    private static final String FALSE_ALARM = "org.apache.flink.runtime.rest.handler.job.coordination.ClientCoordinationHandler";
    private static final String NOISY = "org.apache.flink.runtime.metrics.util.MetricUtils";

    @Test
    void withoutAConfigurationTheRootIsWarnAndFlinksNoisyLoggersAreQuiet() {
        LoggerContext context = new LoggerContext("no-configuration");
        try {
            context.start(new DefaultConfiguration());
            QuietLogs.apply(context);
            assertThat(context.getRootLogger().getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger(NOISY).getLevel()).isEqualTo(Level.ERROR);
            assertThat(context.getLogger(FALSE_ALARM).getLevel()).isEqualTo(Level.OFF);
        } finally {
            context.stop();
        }
    }

    @Test
    void aUsersConfigurationKeepsItsLevelsAndOnlyLosesTheFalseAlarmItDoesNotName() {
        LoggerContext context = new LoggerContext("users-configuration");
        try {
            ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
            b.add(b.newRootLogger(Level.INFO));
            b.add(b.newLogger("org.apache.flink.streaming.api.operators.collect.CollectSinkOperatorCoordinator",
                    Level.DEBUG));
            context.start(b.build());
            QuietLogs.apply(context);
            assertThat(context.getRootLogger().getLevel()).isEqualTo(Level.INFO);
            assertThat(context.getLogger(NOISY).getLevel()).isEqualTo(Level.INFO);
            assertThat(context.getLogger(FALSE_ALARM).getLevel()).isEqualTo(Level.OFF);
            assertThat(context.getLogger("org.apache.flink.streaming.api.operators.collect.CollectSinkOperatorCoordinator")
                    .getLevel()).isEqualTo(Level.DEBUG);
        } finally {
            context.stop();
        }
    }
}
