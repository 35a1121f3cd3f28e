package dev.dragonpool.programs.closeoverride;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;

/** An override that is itself @Release, calling the @Release super.close() and then writing fields. */
@Pooled
final class StrictConn extends Conn {
    boolean flushed;
    int generation = 1;

    StrictConn(String peer) {
        super(peer);
    }

    @Release
    @Override
    public void close() {
        super.close();
        flushed = true;
        generation++;
    }

    @Override
    String fields() {
        return super.fields() + " flushed=" + flushed + " generation=" + generation;
    }
}
