package dev.floe.arrow.kernels;

/** A value a kernel cannot compute: integer overflow, a failing cast. The message names the value and row. */
public class KernelException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public KernelException(String message) {
        super(message);
    }
}
