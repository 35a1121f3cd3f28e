package dev.dragonpool.programs.initorder;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class First {
    static {
        System.out.println("  First.<clinit>");
    }

    final int v;

    First(int v) {
        this.v = v;
        System.out.println("  First(" + v + ")");
    }
}
