package dev.dragonpool.programs.staticcycle;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Leaf2 implements Node2 {
    static final String KIND = Trace.note("Leaf2.<clinit>", "leaf2");
    final int w;
    final String kind;

    Leaf2(int w) {
        this.w = w;
        this.kind = KIND;
        Trace.note("Leaf2(" + w + ") kind=" + KIND, null);
    }

    @Override
    public int weight() {
        return w;
    }
}
