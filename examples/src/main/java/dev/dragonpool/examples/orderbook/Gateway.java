package dev.dragonpool.examples.orderbook;

import dev.dragonpool.Pooling;

/**
 * Where execution reports and market data leave the engine: a stand-in for a socket that folds
 * every encoded byte into a running checksum (so the work cannot be optimised away, and two runs
 * of the same order stream can be compared byte for byte), counts messages, then releases them.
 */
final class Gateway {
    private long checksum = 17;
    private long bytes;
    final long[] reports = new long[6];
    long updates;

    void send(ExecReport r) {
        byte[] w = r.wire();
        int n = r.length();
        long h = checksum;
        for (int i = 0; i < n; i++) {
            h = h * 31 + w[i];
        }
        checksum = h;
        bytes += n;
        reports[r.kind]++;
        Pooling.release(r);
    }

    void publish(BookUpdate u) {
        byte[] w = u.wire();
        int n = u.length();
        long h = checksum;
        for (int i = 0; i < n; i++) {
            h = h * 31 + w[i];
        }
        checksum = h;
        bytes += n;
        updates++;
        Pooling.release(u);
    }

    long checksum() {
        return checksum;
    }

    long bytes() {
        return bytes;
    }
}
