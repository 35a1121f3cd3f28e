package dev.dragonpool.programs.closeoverride;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;

@Pooled
class Conn implements AutoCloseable {
    final String peer;
    int opened;
    final StringBuilder buffer = new StringBuilder();

    Conn(String peer) {
        this.peer = peer;
        opened++;
        buffer.append("hello ").append(peer);
    }

    @Release
    @Override
    public void close() {
        buffer.setLength(0);
    }

    String fields() {
        return "peer=" + peer + " opened=" + opened + " buffer='" + buffer + "'";
    }
}
