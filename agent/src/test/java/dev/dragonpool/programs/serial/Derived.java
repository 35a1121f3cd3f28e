package dev.dragonpool.programs.serial;

import dev.dragonpool.annotations.Pooled;

/** Serializable through its pooled superclass. */
@Pooled
final class Derived extends Base {
    double weight;
    final int[] dims;

    Derived(int id, double weight, int... dims) {
        super(id, "derived");
        this.weight = weight;
        this.dims = dims;
    }

    @Override
    public String toString() {
        return super.toString() + " weight=" + weight + " dims=" + java.util.Arrays.toString(dims);
    }
}
