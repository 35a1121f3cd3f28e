package dev.dragonpool.seeded.leak;

import dev.dragonpool.annotations.Pooled;

/** A pooled scratch buffer. */
@Pooled
final class Buffer {
    private final int[] data = new int[16];

    Buffer(int seed) {
        for (int i = 0; i < data.length; i++) {
            data[i] = seed + i;
        }
    }

    long sum() {
        long s = 0;
        for (int v : data) {
            s += v;
        }
        return s;
    }
}
