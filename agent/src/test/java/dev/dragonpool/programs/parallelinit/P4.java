package dev.dragonpool.programs.parallelinit;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class P4 {
    static final String NAME = "p4";
    final int v;
    int uses;

    P4(int v) {
        this.v = v;
        uses++;
    }

    @Override
    public String toString() {
        return NAME + ":" + v + "/" + uses;
    }
}
