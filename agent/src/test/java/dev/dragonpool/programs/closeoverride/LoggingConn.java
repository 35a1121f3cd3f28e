package dev.dragonpool.programs.closeoverride;

import dev.dragonpool.annotations.Pooled;

/** close() (not @Release itself) calls the @Release super.close(), then writes its own fields. */
@Pooled
final class LoggingConn extends Conn {
    int closes;
    String last = "open";
    long bytes = -1;

    LoggingConn(String peer) {
        super(peer);
        bytes = peer.length();
    }

    @Override
    public void close() {
        super.close();
        closes++;
        last = "closed";
        bytes = 0;
    }

    @Override
    String fields() {
        return super.fields() + " closes=" + closes + " last=" + last + " bytes=" + bytes;
    }
}
