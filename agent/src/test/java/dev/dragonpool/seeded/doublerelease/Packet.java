package dev.dragonpool.seeded.doublerelease;

import dev.dragonpool.annotations.Pooled;

/** A pooled network packet. */
@Pooled
final class Packet {
    private int length;

    Packet(int length) {
        this.length = length;
    }

    int length() {
        return length;
    }
}
