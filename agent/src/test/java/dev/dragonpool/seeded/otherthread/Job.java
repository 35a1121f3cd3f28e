package dev.dragonpool.seeded.otherthread;

import dev.dragonpool.annotations.Pooled;

/** A pooled unit of work handed between threads. */
@Pooled
final class Job {
    private String name;
    private int steps;

    Job(String name, int steps) {
        this.name = name;
        this.steps = steps;
    }

    String describe() {
        return name + " x" + steps;
    }
}
