package dev.dragonpool.programs.refused;

import dev.dragonpool.annotations.Pooled;

/** A concrete pooled subclass of the refused abstract pooled class (which has state). */
@Pooled
final class Bird extends Animal {
    int flights;

    Bird(int flights) {
        super(2, "tweet");
        this.flights = flights;
    }

    @Override
    public String toString() {
        return super.toString() + " flights=" + flights;
    }
}
