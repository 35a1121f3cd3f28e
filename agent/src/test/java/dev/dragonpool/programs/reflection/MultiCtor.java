package dev.dragonpool.programs.reflection;

import dev.dragonpool.annotations.OnRelease;
import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;

@Pooled
public class MultiCtor implements AutoCloseable {
    final long a;
    final String[] rest;
    transient int scratch;

    public MultiCtor() {
        this(0L, new String[0]);
    }

    public MultiCtor(long a, String... rest) {
        this.a = a;
        this.rest = rest;
    }

    protected MultiCtor(int a, double b) throws java.io.IOException {
        this((long) (a + b), "ib");
    }

    MultiCtor(Object o) {
        this((long) o.toString().length(), "o");
    }

    @OnRelease
    void reset() {
        scratch = 0;
    }

    @Release
    @Override
    public void close() {
    }
}
