package dev.dragonpool.programs.refused;

/** An unannotated concrete subclass of the refused abstract pooled class. */
final class Dog extends Animal {
    Dog() {
        super(4, "woof");
    }
}
