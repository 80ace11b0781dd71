package dev.floe.api;

/**
 * A plan that cannot run: unknown column, type mismatch, invalid argument. Thrown when the
 * DataFrame is built, at the user's line, never inside a running job; the message ends with that
 * line ({@code (at OrdersJob.java:42)}), the first caller outside Floe.
 */
public class PlanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String callSite;

    public PlanException(String message) {
        super(message);
        this.callSite = CallSite.of(getStackTrace());
    }

    public PlanException(String message, Throwable cause) {
        super(message, cause);
        this.callSite = CallSite.of(getStackTrace());
    }

    @Override
    public String getMessage() {
        String m = super.getMessage();
        return callSite == null ? m : m + " (at " + callSite + ")";
    }
}
