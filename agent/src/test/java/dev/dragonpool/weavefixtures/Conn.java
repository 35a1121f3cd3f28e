package dev.dragonpool.weavefixtures;

import dev.dragonpool.annotations.OnRelease;
import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;
import dev.dragonpool.annotations.Retained;

/** A pooled class released by its {@code @Release close()}, with a retained buffer and a hook. */
@Pooled
public class Conn implements AutoCloseable {
    public static int hooks;
    @Retained public byte[] buffer;
    public String peer;

    public Conn(String peer) {
        if (buffer == null) {
            buffer = new byte[64];
        }
        this.peer = peer;
    }

    @OnRelease
    void reset() {
        hooks++;
    }

    @Release
    @Override
    public void close() {
    }
}
