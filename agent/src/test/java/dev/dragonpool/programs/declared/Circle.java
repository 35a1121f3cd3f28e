package dev.dragonpool.programs.declared;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Circle implements Shape {
    final double r;
    String label = "circle";
    int inits;

    Circle(double r) {
        this.r = r;
        inits++;
    }

    @Override
    public double area() {
        return 3 * r * r;
    }

    @Override
    public String describe() {
        return label + "(r=" + r + ", inits=" + inits + ")";
    }
}
