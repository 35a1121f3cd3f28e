package dev.dragonpool.programs.ifacestatic;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Disc implements Shape {
    final double r;

    Disc(double r) {
        this.r = r;
    }

    @Override
    public double area() {
        return 3 * r * r;
    }

    @Override
    public String toString() {
        return "Disc(" + r + ")";
    }
}
