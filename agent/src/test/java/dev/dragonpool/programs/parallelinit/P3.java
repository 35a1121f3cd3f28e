package dev.dragonpool.programs.parallelinit;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class P3 {
    static final String NAME = "p3";
    final int v;
    int uses;

    P3(int v) {
        this.v = v;
        uses++;
    }

    @Override
    public String toString() {
        return NAME + ":" + v + "/" + uses;
    }
}
