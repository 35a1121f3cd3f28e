package dev.dragonpool.programs.declared;

/** An abstract superclass without instance state, so its subclasses can be pooled. */
abstract class Polygon implements Shape {
    abstract int sides();

    @Override
    public String describe() {
        return getClass().getSimpleName() + "(sides=" + sides() + ", area=" + area() + ")";
    }
}
