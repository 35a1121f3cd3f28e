package dev.dragonpool.runtime.jmx;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Conventions shared by the pool beans. Limits: JMX shows -1 for "unlimited", as the snapshots do
 * ({@code ObjCacheStats.UNLIMITED}, {@code MPipeStats.UNLIMITED}), so clients test one value. High-water resets: the object pools and the arena offer {@code resetHighWater()} and their
 * beans call it directly; {@link #reset} is the reflective bridge left for kinds that may not offer it (malloc
 * types), refusing with an {@link UnsupportedOperationException} naming the pool when absent.
 * Operations are rare, so no caching of the lookup.
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
