package dev.dragonpool.programs.initorder;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Outer {
    static {
        System.out.println("  Outer.<clinit>");
    }

    final Inner inner;

    Outer(Inner inner) {
        this.inner = inner;
        System.out.println("  Outer(" + inner.v + ")");
    }
}
