package dev.floe.api;

/**
 * A plan that cannot run: unknown column, type mismatch, invalid argument. Thrown when the
 * DataFrame is built, at the user's line, never inside a running job.
 */
public class PlanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlanException(String message) {
        super(message);
    }

    public PlanException(String message, Throwable cause) {
        super(message, cause);
    }
}
