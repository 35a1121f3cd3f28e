package dev.dragonpool.runtime;

/**
 * Thrown when a pool cannot hand out an object: an {@link ObjCache} or {@link MPipe} at its
 * limit with a failing or timed-out policy, or a {@link Zone} with every record in use. The
 * message names the pool and the limit that was reached.
 */
public final class PoolExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the pool and the limit
     */
    public PoolExhaustedException(String message) {
        super(message);
    }
}
