package dev.dragonpool.programs.parallelinit;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class P5 {
    static final String NAME = "p5";
    final int v;
    int uses;

    P5(int v) {
        this.v = v;
        uses++;
    }

    @Override
    public String toString() {
        return NAME + ":" + v + "/" + uses;
    }
}
