package dev.dragonpool.programs.subclasses;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;

/** A pooled resource whose {@code close()} is {@code @Release}; subclassed below without {@code @Pooled}. */
@Pooled
class Resource implements AutoCloseable {
    final String name;
    int uses;
    final StringBuilder journal = new StringBuilder("open");

    Resource(String name) {
        this.name = name;
        uses++;
    }

    void use() {
        uses++;
        journal.append(",use");
    }

    @Release
    @Override
    public void close() {
        journal.append(",closed");
        System.out.println("  close " + describe());
    }

    String describe() {
        return getClass().getSimpleName() + "[" + name + " uses=" + uses + " " + journal + "]";
    }
}
