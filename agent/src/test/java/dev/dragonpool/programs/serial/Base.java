package dev.dragonpool.programs.serial;

import dev.dragonpool.annotations.Pooled;
import java.io.Serializable;

/** A pooled Serializable superclass. */
@Pooled
class Base implements Serializable {
    int id;
    final String kind;

    Base(int id, String kind) {
        this.id = id;
        this.kind = kind;
    }

    @Override
    public String toString() {
        return kind + "#" + id;
    }
}
