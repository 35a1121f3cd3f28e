package dev.dragonpool.programs.declared;

import dev.dragonpool.annotations.Pooled;

@Pooled
class Square extends Polygon {
    final double side;
    int inits;

    Square(double side) {
        this.side = side;
        inits += 10;
    }

    @Override
    int sides() {
        return 4 + inits - 10;
    }

    @Override
    public double area() {
        return side * side;
    }
}
