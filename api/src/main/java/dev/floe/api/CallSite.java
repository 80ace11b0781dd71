package dev.floe.api;

/**
 * The user's line that called into Floe: the first stack frame outside Floe and the JDK, as
 * {@code OrdersJob.java:42}. Plan errors end with it and job names start with it, so a user finds
 * their line in a message and their job among many in the Flink Web UI.
 *
 * <pre>{@code String where = CallSite.here(); // "OrdersJob.java:42", or null when only Floe is on the stack}</pre>
 */
public final class CallSite {
    private static final String[] FLOE_PACKAGES = {
        "dev.floe.api.", "dev.floe.arrow.", "dev.floe.formats.", "dev.floe.operators.", "dev.floe.translator.",
        "dev.floe.sql.", "net.sf.jsqlparser.", "dev.floe.Floe"};

    private CallSite() {
    }

    /** The caller's line of the current thread, or null. */
    public static String here() {
        return of(new Throwable().getStackTrace());
    }

    /** The first frame of {@code stack} outside Floe and the JDK, or null. */
    public static String of(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || isFloe(c)) {
                continue;
            }
            return f.getFileName() == null ? c + "." + f.getMethodName() : f.getFileName() + ":" + f.getLineNumber();
        }
        return null;
    }

    private static boolean isFloe(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        String outer = nested < 0 ? simple : simple.substring(0, nested);
        if (outer.endsWith("Test") || outer.endsWith("IT")) {
            return false; // Floe's own tests stand for user code
        }
        for (String p : FLOE_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
