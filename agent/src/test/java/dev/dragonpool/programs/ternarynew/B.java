package dev.dragonpool.programs.ternarynew;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class B {
    final C c;

    B() {
        this(null);
    }

    B(C c) {
        this.c = c;
    }

    int depth() {
        return c == null ? 1 : 1 + c.level;
    }

    @Override
    public String toString() {
        return "B(" + c + ")";
    }
}
