package dev.dragonpool.programs.modular.app;

import dev.dragonpool.annotations.Pooled;

/** A pooled class in the exported package. */
@Pooled
public class Point {
    public final int x;
    public final int y;
    int moves;

    public Point(int x, int y) {
        this.x = x;
        this.y = y;
        moves++;
    }

    @Override
    public String toString() {
        return "(" + x + "," + y + " moves=" + moves + ")";
    }
}
