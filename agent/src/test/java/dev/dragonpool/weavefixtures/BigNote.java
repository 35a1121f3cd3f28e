package dev.dragonpool.weavefixtures;

import dev.dragonpool.annotations.Pooled;

/** Pooled, serializable only through its stateless superclass, without a serialVersionUID. */
@Pooled
public class BigNote extends Note {
    private static final long serialVersionUIDNot = 0; // a static field that is not the serial version
    public int pages;

    public BigNote(int pages) {
        this.pages = pages;
    }
}
