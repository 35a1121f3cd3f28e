package dev.dragonpool.weavefixtures;

import java.io.Serializable;

/** Serializable without a serialVersionUID and without a static initialiser; allocates a pooled class. */
public class Note implements Serializable {
    public static Msg make() {
        return new Msg("note", 1);
    }
}
