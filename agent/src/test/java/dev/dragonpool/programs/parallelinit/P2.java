package dev.dragonpool.programs.parallelinit;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class P2 {
    static final String NAME = "p2";
    final int v;
    int uses;

    P2(int v) {
        this.v = v;
        uses++;
    }

    @Override
    public String toString() {
        return NAME + ":" + v + "/" + uses;
    }
}
