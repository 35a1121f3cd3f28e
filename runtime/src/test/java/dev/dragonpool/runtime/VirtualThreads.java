package dev.dragonpool.runtime;

import java.lang.reflect.Method;
import java.util.function.Function;

/**
 * Test utility: unstarted virtual threads through reflection, so that the tests compile with
 * {@code --release 17} and skip their virtual-thread part on JDK 17.
 */
public final class VirtualThreads {

    private VirtualThreads() {
    }

    /** @return a factory of unstarted virtual threads, or {@code null} on a JDK without them (17) */
    public static Function<Runnable, Thread> factory() throws ReflectiveOperationException {
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException e) {
            return null;
        }
        Method unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
        Object builder = ofVirtual.invoke(null);
        return r -> {
            try {
                return (Thread) unstarted.invoke(builder, r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
