package dev.dragonpool.programs.publishing;

import dev.dragonpool.annotations.Pooled;
import java.util.ArrayList;
import java.util.List;

/** Publishes {@code this} to a static registry, then may throw: the published instance must never be reused. */
@Pooled
final class Fragile {
    static final List<Fragile> REGISTRY = new ArrayList<>();
    final int id;
    String state = "constructing";

    Fragile(int id, boolean fail) {
        this.id = id;
        REGISTRY.add(this);
        if (fail) {
            state = "failed";
            throw new IllegalStateException("constructor of " + id + " failed");
        }
        state = "ok";
    }

    @Override
    public String toString() {
        return id + ":" + state;
    }
}
