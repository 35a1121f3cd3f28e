package dev.dragonpool.seeded.doubleclose;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;

/** A pooled channel released by its {@code @Release close()}. */
@Pooled
final class Channel implements AutoCloseable {
    private String peer;
    private int sent;

    Channel(String peer) {
        this.peer = peer;
    }

    void send(String message) {
        sent += message.length();
    }

    String stats() {
        return peer + " sent " + sent;
    }

    @Release
    @Override
    public void close() {
        sent = 0;
    }
}
