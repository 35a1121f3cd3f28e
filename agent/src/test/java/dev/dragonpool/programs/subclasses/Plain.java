package dev.dragonpool.programs.subclasses;

/** A named subclass nobody asked to pool. */
class Plain extends Resource {
    int extra = 5;

    Plain(String name) {
        super(name);
    }
}
