package dev.dragonpool.runtime;

/**
 * Thrown under {@code guard=full} when a released pooled object is used through a stale
 * reference: a method of its class called, or one of its fields read or written from any class.
 * The message names the class, the member and where the object was released (the caller of the
 * release), and the cause carries the release's stack trace. Under {@code guard=full} a released
 * object is never handed out again, so a stale reference is caught however many {@code new}s of
 * the class followed the release.
 *
 * <p>It lives in the runtime's public package (where {@link PoolExhaustedException} is): tests
 * that want to catch it by type depend on {@code dragonpool-runtime} (test scope suffices); code
 * that compiles only against the annotations catches its superclass,
 * {@link IllegalStateException}. It cannot live in the annotations jar: the runtime that throws
 * it is on the bootstrap class path, which cannot see classes of the application's loader.
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
