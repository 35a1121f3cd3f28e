package dev.dragonpool.programs.parallelinit;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class P6 {
    static final String NAME = "p6";
    final int v;
    int uses;

    P6(int v) {
        this.v = v;
        uses++;
    }

    @Override
    public String toString() {
        return NAME + ":" + v + "/" + uses;
    }
}
