package dev.dragonpool.programs.ifacestatic;

/** An interface whose static, private and default methods allocate pooled implementations. */
interface Shape {
    double area();

    static Shape square(double side) {
        return new Rect(side, side);
    }

    static Shape of(String spec) {
        String[] p = spec.split("x");
        return p.length == 1 ? square(Double.parseDouble(p[0])) : rect(p);
    }

    private static Shape rect(String[] p) {
        return new Rect(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
    }

    private Shape scaled(double f) {
        return this instanceof Rect ? new Rect(((Rect) this).w * f, ((Rect) this).h * f) : new Disc(Math.sqrt(area() * f * f));
    }

    default Shape doubled() {
        return scaled(2);
    }
}
