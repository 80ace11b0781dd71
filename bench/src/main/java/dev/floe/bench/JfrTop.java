package dev.floe.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Method-level hotspots of a JFR recording: the share of {@code jdk.ExecutionSample} events per
 * top frame (self time), and per innermost {@code dev.floe} frame (time in Floe code including
 * the JDK and Arrow methods it calls).
 *
 * <pre>{@code java -cp <bench classpath> dev.floe.bench.JfrTop bench/results/floe.jfr 15}</pre>
 */
public final class JfrTop {
    private JfrTop() {
    }

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> floe = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            for (RecordedFrame f : frames) {
                if (f.getMethod().getType().getName().startsWith("dev.floe.")) {
                    floe.merge(name(f), 1, Integer::sum);
                    break;
                }
            }
        }
        System.out.println(samples + " execution samples in " + args[0]);
        print("Top frames (self time)", self, samples, top);
        print("Innermost dev.floe frame (Floe code and what it calls)", floe, samples, top);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println();
        System.out.println(title + ":");
        counts.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                .limit(top)
                .forEach(en -> System.out.printf(java.util.Locale.ROOT, "  %5.1f%%  %6d  %s%n",
                        100.0 * en.getValue() / Math.max(1, samples), en.getValue(), en.getKey()));
    }
}
