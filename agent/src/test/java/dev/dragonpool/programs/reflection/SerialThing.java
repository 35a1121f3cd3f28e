package dev.dragonpool.programs.reflection;

import dev.dragonpool.annotations.Pooled;
import java.io.Serializable;

@Pooled
final class SerialThing implements Serializable {
    final String id;
    int version;

    SerialThing(String id) {
        this.id = id;
    }
}
