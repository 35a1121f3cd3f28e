package dev.dragonpool.programs.modular.internal;

import dev.dragonpool.annotations.OnRelease;
import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;
import dev.dragonpool.annotations.Retained;

/** A pooled class in a package the module does not export. */
@Pooled
public final class Packet implements AutoCloseable {
    public static int released;
    final int seq;
    final StringBuilder payload = new StringBuilder();
    @Retained
    byte[] scratch;

    public Packet(int seq, String body) {
        this.seq = seq;
        payload.append(body);
        if (scratch == null) {
            scratch = new byte[64];
        }
    }

    @OnRelease
    void onRelease() {
        released++;
    }

    @Release
    @Override
    public void close() {
        payload.setLength(0);
    }

    @Override
    public String toString() {
        return "Packet(" + seq + ", " + payload + ", scratch " + scratch.length + ")";
    }
}
