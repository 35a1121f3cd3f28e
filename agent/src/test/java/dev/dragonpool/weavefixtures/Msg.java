package dev.dragonpool.weavefixtures;

import dev.dragonpool.annotations.Pooled;

/** A small pooled class for the weaving tests. */
@Pooled(capacity = 8)
public class Msg {
    public String text;
    public int n;

    public Msg(String text, int n) {
        this.text = text;
        this.n = n;
    }
}
