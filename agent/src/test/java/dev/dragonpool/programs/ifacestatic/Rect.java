package dev.dragonpool.programs.ifacestatic;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Rect implements Shape, Named, Labeled {
    final double w;
    final double h;

    Rect(double w, double h) {
        this.w = w;
        this.h = h;
    }

    @Override
    public double area() {
        return w * h;
    }

    @Override
    public String name() {
        return Named.super.name() + "+" + Labeled.super.name();
    }

    @Override
    public String toString() {
        return "Rect(" + w + "x" + h + ")";
    }
}
