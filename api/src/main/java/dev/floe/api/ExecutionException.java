package dev.floe.api;

/**
 * An action failed while running: carries the root cause and says what failed (the operator,
 * the file path and the row or byte offset for parse errors).
 */
public class ExecutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExecutionException(String message, Throwable cause) {
        super(message, cause);
    }

    public ExecutionException(String message) {
        super(message);
    }
}
