package dev.dragonpool.programs.memloader;

import java.util.Map;

/**
 * Defines classes from a map of class bytes held in memory; it has no resources (no
 * {@code getResource} override), as code generators and some plugin systems do.
 */
final class MemoryLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    MemoryLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super("memory", parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = classes.get(name);
        if (b == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
    }
}
