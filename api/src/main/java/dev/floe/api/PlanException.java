package dev.floe.api;

/**
 * A plan that cannot run: unknown column, type mismatch, invalid argument. Thrown when the
 * DataFrame is built, at the user's line, never inside a running job; the message ends with that
 * line ({@code (at OrdersJob.java:42)}), the first caller outside Floe.
 */
public class PlanException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String[] FLOE_PACKAGES = {
        "dev.floe.api.", "dev.floe.arrow.", "dev.floe.operators.", "dev.floe.translator.", "dev.floe.Floe"};

    private final String callSite;

    public PlanException(String message) {
        super(message);
        this.callSite = callSite(getStackTrace());
    }

    public PlanException(String message, Throwable cause) {
        super(message, cause);
        this.callSite = callSite(getStackTrace());
    }

    @Override
    public String getMessage() {
        String m = super.getMessage();
        return callSite == null ? m : m + " (at " + callSite + ")";
    }

    /** The user's line that built the DataFrame: the first frame outside Floe and the JDK, or null. */
    private static String callSite(StackTraceElement[] stack) {
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
