package dev.dragonpool.programs.refused;

import dev.dragonpool.annotations.Pooled;

/** Abstract classes are refused. */
@Pooled
abstract class Animal {
    int legs;
    final String sound;

    Animal(int legs, String sound) {
        this.legs = legs;
        this.sound = sound;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + legs + ", " + sound + ")";
    }
}
