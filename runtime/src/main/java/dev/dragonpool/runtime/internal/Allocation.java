package dev.dragonpool.runtime.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * Makes instances of a pooled class without running any of its constructors, the way
 * deserialization does: memory is allocated for the exact class and only
 * {@code Object.<init>} runs, so every field holds its default. The generated factory then runs
 * the constructor body the application called on it. This is why enhancement needs no
 * constructor of its own in the class (reflection sees the constructors the class declares,
 * nothing more).
 *
 * <p>It uses {@code sun.reflect.ReflectionFactory} of the {@code jdk.unsupported} module
 * (present in every full JDK and JRE since 9; the same API serialization frameworks use), found
 * reflectively so the runtime compiles against the public API only. Only a miss pays for it:
 * a cache makes a magazine's worth of instances at once, then recycles them.
 */
final class Allocation {
    private static final Object FACTORY;
    private static final Method FOR_SERIALIZATION;
    private static final Throwable UNAVAILABLE;

    static {
        Object f = null;
        Method m = null;
        Throwable why = null;
        try {
            Class<?> rf = Class.forName("sun.reflect.ReflectionFactory");
            f = rf.getMethod("getReflectionFactory").invoke(null);
            m = rf.getMethod("newConstructorForSerialization", Class.class, Constructor.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            why = e;
        }
        FACTORY = f;
        FOR_SERIALIZATION = m;
        UNAVAILABLE = why;
    }

    private Allocation() {
    }

    /**
     * Returns a supplier of blank instances of {@code type}.
     *
     * @param type a concrete class
     * @return a supplier whose every call returns a new instance with all fields at their defaults
     * @throws ReflectiveOperationException if this JVM offers no such allocation
     */
    static Supplier<Object> of(Class<?> type) throws ReflectiveOperationException {
        if (FOR_SERIALIZATION == null) {
            throw new ReflectiveOperationException("sun.reflect.ReflectionFactory is not available: " + UNAVAILABLE);
        }
        Constructor<?> k = (Constructor<?>) FOR_SERIALIZATION.invoke(FACTORY, type, Object.class.getDeclaredConstructor());
        if (k == null) {
            throw new ReflectiveOperationException("no allocation without a constructor for " + type.getName());
        }
        Object probe = make(k, type); // fail here, at registration, rather than on the first miss
        if (probe.getClass() != type) {
            throw new ReflectiveOperationException("allocation made a " + probe.getClass().getName() + ", not a " + type.getName());
        }
        return new Supplier<Object>() {
            @Override
            public Object get() {
                return make(k, type);
            }
        };
    }

    private static Object make(Constructor<?> k, Class<?> type) {
        try {
            return k.newInstance();
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new IllegalStateException("allocating an instance of " + type.getName() + " failed", c);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("allocating an instance of " + type.getName() + " failed", e);
        }
    }
}
