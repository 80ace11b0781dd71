package dev.floe.jobs;

import dev.floe.Floe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * Runs a user class implementing {@link FloeJob} on {@link Floe#fromEnvironment()}.
 *
 * <pre>{@code flink run -C file:///home/me/classes/ floe-jobs.jar run --class com.acme.Top10 -- data.csv}</pre>
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a class implementing dev.floe.jobs.FloeJob (on the `flink run` cluster, or on an "
                + "embedded MiniCluster in a plain JVM). Put the class on the classpath with `flink run -C <url>` "
                + "or in a jar next to floe-jobs.jar.")
final class RunJob implements Callable<Integer> {
    @Option(names = {"-c", "--class"}, required = true, paramLabel = "CLASS",
            description = "Fully qualified name of a FloeJob implementation with a public no-argument constructor.")
    String className;

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Arguments passed to the job (after `--` if they start with -).")
    List<String> args = new ArrayList<>();

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        FloeJob job = instantiate(className);
        List<String> all = new ArrayList<>(args);
        all.addAll(unmatched);
        try (Floe floe = Floe.fromEnvironment()) {
            job.run(floe, all.toArray(String[]::new));
        }
        return 0;
    }

    static FloeJob instantiate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Class " + className + " is not on the classpath; add its jar or "
                    + "directory with `flink run -C file:///...` (or -cp in a plain JVM)", e);
        }
        if (!FloeJob.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " does not implement " + FloeJob.class.getName());
        }
        try {
            return (FloeJob) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(className + " needs a public no-argument constructor: " + e, e);
        }
    }
}
