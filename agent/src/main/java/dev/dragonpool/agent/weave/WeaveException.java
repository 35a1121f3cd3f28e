package dev.dragonpool.agent.weave;

/**
 * Weaving failed: bad input or output, a class the transformation could not handle, or a woven
 * class the JVM's verifier rejected. Nothing was written when it is thrown. The message names
 * what was wrong and what to do.
 */
public final class WeaveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes one.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public WeaveException(String message, Throwable cause) {
        super(message, cause);
    }
}
