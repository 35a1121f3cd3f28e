package dev.dragonpool;

/**
 * Static facade through which an application returns pooled objects and asks what is pooled.
 *
 * <p><b>Without the agent</b> both methods are no-ops: {@link #release(Object)} does nothing
 * (not even a null check) and {@link #isPooled(Class)} returns {@code false}. This class depends
 * on nothing, so the annotations jar is the only compile dependency an application needs.
 *
 * <p><b>With the agent</b> the agent replaces the bodies of both methods when this class is
 * loaded, so that they call into the Dragonpool runtime on the bootstrap class path. If this
 * class was loaded before the agent was attached, it stays a no-op and the agent says so.
 */
public final class Pooling {

    private Pooling() {
    }

    /**
     * Returns {@code obj} to its class's object cache; a later pooled {@code new} may hand it out
     * again, so the caller must not use it afterwards.
     *
     * <p>With the agent: {@code @OnRelease} methods run, non-{@code @Retained} fields are
     * cleared and the instance is cached. Releasing {@code null} throws
     * {@link NullPointerException}; releasing an instance of a class that is not pooled throws
     * {@link IllegalArgumentException}; releasing an instance twice without a {@code new} in
     * between throws {@link IllegalStateException}; each message names the class. Without the
     * agent: does nothing.
     *
     * @param obj the instance to release
     */
    public static void release(Object obj) {
        // Replaced by the agent; intentionally empty without it.
    }

    /**
     * Tells whether {@code type} is pooled: enhanced by the agent so that {@code new} recycles
     * its instances. Without the agent: always {@code false}.
     *
     * @param type the class to ask about
     * @return {@code true} if instances of exactly this class are pooled
     */
    public static boolean isPooled(Class<?> type) {
        return false;
    }
}
