package dev.dragonpool.runtime.jmx;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The bridge behind the {@code resetHighWater} operations: calls a public no-argument
 * {@code resetHighWater()} method on the pool when its class has one, and otherwise refuses with an
 * {@link UnsupportedOperationException} naming the pool. Looked up by name so this package compiles
 * against pool classes that do not offer the reset (yet); operations are rare, so no caching.
 */
final class HighWater {

    private HighWater() {
    }

    static void reset(Object pool, String kind, String name) {
        Method m;
        try {
            m = pool.getClass().getMethod("resetHighWater");
        } catch (NoSuchMethodException e) {
            throw new UnsupportedOperationException(kind + " '" + name
                    + "' cannot reset its high-water mark: " + pool.getClass().getName() + " has no resetHighWater()");
        }
        try {
            m.invoke(pool);
        } catch (IllegalAccessException e) {
            throw new UnsupportedOperationException(kind + " '" + name + "': resetHighWater() is not accessible", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(kind + " '" + name + "': resetHighWater() failed", cause);
        }
    }

    /** Maps a pool's limit to the JMX convention: -1 when unlimited (negative or {@code >= Integer.MAX_VALUE}). */
    static long limit(long limit) {
        return limit < 0 || limit >= Integer.MAX_VALUE ? -1 : limit;
    }
}
