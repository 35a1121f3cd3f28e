package dev.dragonpool.seeded.loop;

import dev.dragonpool.annotations.Pooled;

/** A pooled batch that accumulates records. */
@Pooled
final class Batch {
    private long sum;
    private int count;

    Batch() {
    }

    void add(int record) {
        sum += record;
        count++;
    }

    String summary() {
        return count + " records, sum " + sum;
    }
}
