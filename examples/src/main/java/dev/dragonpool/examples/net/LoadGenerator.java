package dev.dragonpool.examples.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.HdrHistogram.Histogram;

/**
 * A bounded, open-loop load generator: request {@code i} is due at {@code start + i / rate},
 * whatever the answers to earlier ones are doing, and goes out on connection {@code i mod
 * connections}. Its latency is measured from that due time to the arrival of its response, so
 * time a request spends waiting to be sent (a stalled JVM, a full socket) counts: no
 * coordinated omission, by construction.
 *
 * <p>Bounded: it sends at most {@code count} requests, stops sending after {@code seconds}, and
 * then waits at most {@code drainMillis} for the answers still outstanding. Payload sizes are
 * log-uniform in {@code [minSize, maxSize]} from a fixed seed; every response's CRC32C and
 * length are checked against what was sent. One thread, one selector, and buffers made once:
 * it allocates nothing per request.
 */
final class LoadGenerator {
    private final SocketChannel[] channels;
    private final ByteBuffer[] out;
    private final ByteBuffer[] in;
    /** A second view of each output buffer, to checksum the payload just put (made once). */
    private final ByteBuffer[] outView;
    private final Selector selector;
    private final Consumer<SelectionKey> onReadable = this::readable;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer payloadSource;
    private final int[] expectedCrc;
    private final int[] expectedLength;
    private final long interval;
    private final int minSize;
    private final int maxSize;
    private final long seed;
    final Histogram latency = new Histogram(3_600_000_000_000L, 3);
    private long start;
    long sent;
    long received;
    long mismatches;
    long digest = 17;

    /**
     * Connects.
     *
     * @param server the service's address
     * @param connections how many connections to spread requests over
     * @param rate requests per second
     * @param minSize smallest payload in bytes
     * @param maxSize largest payload in bytes
     * @param seed payload size seed
     */
    LoadGenerator(InetSocketAddress server, int connections, long rate, int minSize, int maxSize, long seed) {
        if (connections < 1 || rate < 1 || minSize < 1 || maxSize < minSize || maxSize > 1 << 19) {
            throw new IllegalArgumentException("connections " + connections + ", rate " + rate + ", sizes " + minSize + ".."
                    + maxSize + ": need connections and rate >= 1 and 1 <= min size <= max size <= 512 KiB");
        }
        this.interval = 1_000_000_000L / rate;
        this.minSize = minSize;
        this.maxSize = maxSize;
        this.seed = seed;
        channels = new SocketChannel[connections];
        out = new ByteBuffer[connections];
        in = new ByteBuffer[connections];
        outView = new ByteBuffer[connections];
        expectedCrc = new int[1 << 18];
        expectedLength = new int[1 << 18];
        payloadSource = ByteBuffer.allocateDirect(maxSize + 256);
        for (int i = 0; i < payloadSource.capacity(); i++) {
            payloadSource.put(i, (byte) (i * 31 + (i >>> 8)));
        }
        try {
            selector = Selector.open();
            for (int c = 0; c < connections; c++) {
                SocketChannel ch = SocketChannel.open(server);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, c);
                channels[c] = ch;
                out[c] = ByteBuffer.allocateDirect(Math.max(1 << 18, 4 * (maxSize + 64)));
                outView[c] = out[c].duplicate();
                in[c] = ByteBuffer.allocateDirect(Math.max(1 << 18, 4 * (maxSize + 64)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
    }

    private int sizeOf(long id) {
        long x = (id + 1) * 0x9E3779B97F4A7C15L ^ seed;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        double u = (x >>> 11) * 0x1.0p-53;
        return (int) Math.min(maxSize, Math.round(minSize * Math.pow((double) maxSize / minSize, u)));
    }

    /**
     * Sends and receives until every request was answered, or the time is up.
     *
     * @param count requests to send at most
     * @param seconds stop sending after this long (a safety bound: on time, {@code count} requests take
     *     {@code count / rate} seconds)
     * @param drainMillis then wait at most this long for outstanding answers
     * @param onStart called once, just before the first request is due (to start measuring)
     */
    void run(long count, long seconds, long drainMillis, Runnable onStart) {
        onStart.run();
        start = System.nanoTime();
        long stopSending = start + seconds * 1_000_000_000L;
        long giveUp = Long.MAX_VALUE;
        try {
            while (true) {
                long now = System.nanoTime();
                while (sent < count && now < stopSending && now - start >= sent * interval) {
                    if (!enqueue(sent)) {
                        break;
                    }
                    sent++;
                }
                for (int c = 0; c < channels.length; c++) {
                    if (out[c].position() > 0) {
                        out[c].flip();
                        channels[c].write(out[c]);
                        out[c].compact();
                    }
                }
                selector.selectNow(onReadable);
                if (received == sent && (sent == count || now >= stopSending)) {
                    return;
                }
                if (giveUp == Long.MAX_VALUE && (sent == count || now >= stopSending)) {
                    giveUp = now + drainMillis * 1_000_000L;
                }
                if (now > giveUp) {
                    return;
                }
                Thread.onSpinWait();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the load generator's connection failed: " + e.getMessage(), e);
        }
    }

    /** Appends request {@code id} to its connection's output; false when that buffer is full. */
    private boolean enqueue(long id) {
        int c = (int) (id % channels.length);
        int size = sizeOf(id);
        ByteBuffer o = out[c];
        if (o.remaining() < 4 + Request.HEADER + size) {
            return false;
        }
        o.putInt(Request.HEADER + size).putLong(id).putInt(Request.ECHO).putInt(size);
        int from = (int) (id % 251);
        payloadSource.limit(from + size).position(from);
        int at = o.position();
        o.put(payloadSource);
        ByteBuffer view = outView[c];
        view.limit(o.position()).position(at);
        crc.reset();
        crc.update(view);
        int slot = (int) (id & (expectedCrc.length - 1));
        expectedCrc[slot] = (int) crc.getValue();
        expectedLength[slot] = size;
        return true;
    }

    private void readable(SelectionKey key) {
        int c = (Integer) key.attachment();
        ByteBuffer b = in[c];
        try {
            if (channels[c].read(b) < 0) {
                throw new IOException("the server closed connection " + c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading answers failed: " + e.getMessage(), e);
        }
        b.flip();
        while (b.remaining() >= 4) {
            int length = b.getInt(b.position());
            if (b.remaining() < 4 + length) {
                break;
            }
            long id = b.getLong(b.position() + 4);
            int crcValue = b.getInt(b.position() + 12);
            int payload = b.getInt(b.position() + 16);
            long now = System.nanoTime();
            latency.recordValue(Math.max(0, now - (start + id * interval)));
            int slot = (int) (id & (expectedCrc.length - 1));
            if (crcValue != expectedCrc[slot] || payload != expectedLength[slot]) {
                mismatches++;
            }
            // Order-independent (answers on different connections interleave differently per run).
            long h = (id * 0x9E3779B97F4A7C15L) ^ ((long) crcValue << 32) ^ payload;
            h ^= h >>> 29;
            digest += h * 0xBF58476D1CE4E5B9L;
            received++;
            b.position(b.position() + 4 + length);
        }
        b.compact();
    }

    /** Closes every connection. */
    void close() {
        for (SocketChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                // Closing at the end of the run; nothing left to do with the error.
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // As above.
        }
    }
}
