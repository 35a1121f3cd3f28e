package dev.dragonpool.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Virtual-thread detection without raising the release: a method handle to
 * {@code Thread.isVirtual()} looked up once; on JDK 17, where it does not exist, every
 * thread is a platform thread. Shared by the object caches and the buffer allocator, which both
 * give platform threads a cache of their own and send virtual threads to striped, locked ones.
 */
public final class Threads {
    private static final MethodHandle IS_VIRTUAL = lookupIsVirtual();

    private Threads() {
    }

    private static MethodHandle lookupIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** @return whether this JDK has virtual threads */
    public static boolean supported() {
        return IS_VIRTUAL != null;
    }

    public static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual failed", e);
        }
    }
}
