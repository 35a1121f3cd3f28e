package dev.dragonpool.programs.initorder;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Inner {
    static {
        System.out.println("  Inner.<clinit>");
    }

    final int v;

    Inner(int v) {
        this.v = v;
        System.out.println("  Inner(" + v + ")");
    }
}
