package dev.dragonpool.runtime.kmalloc;

/**
 * Thrown by {@link KMalloc#alloc} when a request cannot be served now: its malloc type is at its
 * limit, or the arena's budget (or the JVM's direct memory) is exhausted. Calls with
 * {@link KMalloc#NULLOK} get {@code null} instead. Never thrown after blocking: kmalloc does not
 * wait for memory.
 */
public final class MallocLimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MallocLimitExceededException(String message) {
        super(message);
    }
}
