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

    /**
     * Makes a daemon thread that holds nothing of the code that asked for it: no context class
     * loader, and (on JDKs that still capture one) an inherited access-control context cut at
     * this frame. A thread created while, say, a web application's class initialises would
     * otherwise keep that application's class loader alive for as long as the thread runs.
     *
     * @param task what the thread runs
     * @param name the thread's name
     * @return the thread, not started
     */
    @SuppressWarnings("removal")
    public static Thread daemon(Runnable task, String name) {
        Thread t = java.security.AccessController.doPrivileged(new java.security.PrivilegedAction<Thread>() {
            @Override
            public Thread run() {
                return new Thread(task, name);
            }
        });
        t.setDaemon(true);
        t.setContextClassLoader(null);
        return t;
    }
}
