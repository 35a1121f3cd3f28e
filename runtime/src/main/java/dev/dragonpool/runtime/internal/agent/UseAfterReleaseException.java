package dev.dragonpool.runtime.internal.agent;

/**
 * Thrown under {@code guard=full} when a method of a pooled object is called through a stale
 * reference after the object was released; the message names the method and where the object
 * was released, and the cause carries the release's stack trace. It is an
 * {@link IllegalStateException}, so applications that compile only against the annotations can
 * catch that.
 */
public final class UseAfterReleaseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what was used, and where it was released
     * @param releasedAt the stack trace captured at release, or {@code null}
     */
    public UseAfterReleaseException(String message, Throwable releasedAt) {
        super(message, releasedAt);
    }
}
