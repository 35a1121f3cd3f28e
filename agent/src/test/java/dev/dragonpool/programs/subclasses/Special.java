package dev.dragonpool.programs.subclasses;

import dev.dragonpool.annotations.Pooled;

/** A pooled subclass of a pooled class, inheriting the @Release close(). */
@Pooled
final class Special extends Resource {
    int level = 1;

    Special(String name, int level) {
        super(name);
        this.level += level;
    }

    @Override
    String describe() {
        return super.describe() + " level=" + level;
    }
}
