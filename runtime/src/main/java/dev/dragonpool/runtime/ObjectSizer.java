package dev.dragonpool.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Estimates the bytes an idle pooled object holds, for charging it to an {@link Arena}.
 *
 * <p>When the agent runs it installs {@code Instrumentation::getObjectSize} with
 * {@link #install}; otherwise the documented estimate below is used. Both are shallow
 * sizes: what the object's fields refer to is not counted (a cache's user who knows better
 * passes {@code ObjCache.Builder.objectSize}).
 *
 * <p>The estimate assumes a 64-bit HotSpot with compressed oops and class pointers: a
 * 12-byte header, then each instance field of the class and its superclasses at its
 * primitive width (references 4 bytes), the total rounded up to 8. Arrays: a 16-byte header
 * plus length times element width, rounded up to 8. Sizes are estimated once per cache,
 * never on a hot path. A class whose field types cannot be resolved (an optional dependency
 * absent at run time) is estimated at {@value #UNKNOWN_ESTIMATE} bytes rather than failing.
 */
public final class ObjectSizer {
    /** The estimate when a class's fields cannot be read (a field type's class is missing). */
    static final long UNKNOWN_ESTIMATE = 64;
    private static volatile ToLongFunction<Object> installed;

    private ObjectSizer() {
    }

    /**
     * Installs a precise sizer (the agent passes {@code Instrumentation::getObjectSize}).
     *
     * @param sizer the sizer; {@code null} reverts to the estimate
     */
    public static void install(ToLongFunction<Object> sizer) {
        installed = sizer;
    }

    /**
     * Returns the shallow size of an object, from the installed sizer or the estimate.
     *
     * @param obj the object
     * @return its shallow size in bytes, at least 8
     * @throws NullPointerException if {@code obj} is null
     */
    public static long sizeOf(Object obj) {
        Objects.requireNonNull(obj, "obj");
        ToLongFunction<Object> s = installed;
        if (s != null) {
            long n = s.applyAsLong(obj);
            if (n > 0) {
                return n;
            }
        }
        Class<?> c = obj.getClass();
        if (c.isArray()) {
            return align(16 + (long) java.lang.reflect.Array.getLength(obj) * width(c.getComponentType()));
        }
        return estimate(c);
    }

    /**
     * Returns the documented estimate for an instance of a non-array class.
     *
     * @param type the class
     * @return the estimated shallow size in bytes
     * @throws IllegalArgumentException if {@code type} is an array class
     */
    public static long estimate(Class<?> type) {
        if (type.isArray()) {
            throw new IllegalArgumentException("cannot estimate an array class without a length: " + type.getName());
        }
        long size = 12;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Field[] fields;
            try {
                fields = c.getDeclaredFields();
            } catch (LinkageError e) {
                // A field's type is missing (an optional library absent at run time): the size is
                // only an estimate, so guess rather than fail the caller.
                return UNKNOWN_ESTIMATE;
            }
            for (Field f : fields) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    size += width(f.getType());
                }
            }
        }
        return align(size);
    }

    private static int width(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        if (t == byte.class || t == boolean.class) {
            return 1;
        }
        return 4;
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }
}
