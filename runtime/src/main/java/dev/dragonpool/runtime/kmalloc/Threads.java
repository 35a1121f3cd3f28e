package dev.dragonpool.runtime.kmalloc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * {@code Thread.isVirtual()} on JDK 21+, constant {@code false} on older JDKs, through a method
 * handle looked up once (the sources compile with {@code --release 17}).
 */
final class Threads {
    private static final MethodHandle IS_VIRTUAL = lookupIsVirtual();

    private Threads() {
    }

    private static MethodHandle lookupIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return MethodHandles.dropArguments(MethodHandles.constant(boolean.class, false), 0, Thread.class);
        }
    }

    static boolean isVirtual(Thread t) {
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            throw new AssertionError("Thread.isVirtual failed", e);
        }
    }
}
