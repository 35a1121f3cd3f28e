package dev.dragonpool.programs.staticcycle;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Leaf implements Node {
    static final String KIND = Trace.note("Leaf.<clinit>", "leaf");
    final int w;
    final String kind;

    Leaf(int w) {
        this.w = w;
        this.kind = KIND;
        Trace.note("Leaf(" + w + ") kind=" + KIND, null);
    }

    @Override
    public int weight() {
        return w;
    }
}
