package dev.dragonpool.programs.ctorrefs;

import dev.dragonpool.annotations.Pooled;

@Pooled
public final class Cell {
    final int v;
    int reads;

    Cell(int v) {
        this.v = v;
    }

    int read() {
        return v * 10 + ++reads;
    }

    @Override
    public String toString() {
        return "Cell(" + v + ", reads=" + reads + ")";
    }
}
