package dev.dragonpool.programs.serialround;

import dev.dragonpool.annotations.Pooled;
import java.io.Serializable;

/** readResolve allocates a fresh instance with new. */
@Pooled
final class Level implements Serializable {
    private static final long serialVersionUID = 1L;
    final int value;
    final boolean resolved;

    Level(int value) {
        this(value, false);
    }

    private Level(int value, boolean resolved) {
        this.value = value;
        this.resolved = resolved;
    }

    private Object readResolve() {
        return new Level(value, true);
    }

    @Override
    public String toString() {
        return "Level(" + value + (resolved ? ", resolved" : "") + ")";
    }
}
