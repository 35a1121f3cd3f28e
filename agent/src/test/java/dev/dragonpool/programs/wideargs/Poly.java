package dev.dragonpool.programs.wideargs;

import dev.dragonpool.annotations.Pooled;

/** Varargs constructors. */
@Pooled
final class Poly {
    final double[] coefficients;
    final String name;

    Poly(double... coefficients) {
        this("p", coefficients);
    }

    Poly(String name, double... coefficients) {
        this.name = name;
        this.coefficients = coefficients.clone();
    }

    Poly(long scale, Object... parts) {
        this.name = "objects" + parts.length;
        this.coefficients = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            coefficients[i] = scale * String.valueOf(parts[i]).length();
        }
    }

    double at(double x) {
        double r = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            r = r * x + coefficients[i];
        }
        return r;
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(coefficients);
    }
}
