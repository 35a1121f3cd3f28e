package dev.dragonpool.programs.ternarynew;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class C {
    final int level;

    C(int level) {
        this.level = level;
    }

    @Override
    public String toString() {
        return "C" + level;
    }
}
