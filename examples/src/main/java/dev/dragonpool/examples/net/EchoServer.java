package dev.dragonpool.examples.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A request/response service on 127.0.0.1: one thread, one NIO selector, non-blocking
 * channels. Each request frame ({@code length (4) | request}) is read straight into a buffer of
 * its own size from {@link Buffers}, decoded into a {@link Request}, answered with a
 * {@link Response} (the payload's CRC32C and the payload echoed), and both are closed once done:
 * the request as soon as the response is built, the response once fully written.
 *
 * <p>Steady state allocates only the {@code Request}, the {@code Response} and, with
 * {@link Buffers#heap()}, their buffers: selection uses {@code Selector.select(Consumer)} (no
 * selected-key set to iterate), and each connection's header buffer and write queue are made
 * once.
 */
final class EchoServer implements Runnable, AutoCloseable {
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Buffers buffers;
    private final CRC32C crc = new CRC32C();
    private final Consumer<SelectionKey> onReady = this::ready;
    private volatile boolean running = true;
    private volatile Thread thread;
    long requests;
    long failures;

    /** One client connection's state, attached to its selection key. */
    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer header = ByteBuffer.allocate(4);
        final ArrayDeque<Response> pending = new ArrayDeque<>(64);
        ByteBuffer frame;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    /**
     * Binds to 127.0.0.1 on an ephemeral port.
     *
     * @param buffers where request and response buffers come from
     */
    EchoServer(Buffers buffers) {
        this.buffers = buffers;
        try {
            selector = Selector.open();
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** @return the address clients connect to */
    InetSocketAddress address() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the serving thread, once {@link #run()} started */
    Thread thread() {
        return thread;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (running) {
                selector.select(onReady, 100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the server's selector failed: " + e.getMessage(), e);
        } finally {
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Connection) {
                    drop((Connection) k.attachment());
                }
            }
            try {
                selector.close();
                server.close();
            } catch (IOException e) {
                // Closing at the end of the run; nothing left to do with the error.
            }
        }
    }

    private void ready(SelectionKey key) {
        try {
            if (key.isAcceptable()) {
                SocketChannel ch = server.accept();
                if (ch != null) {
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.register(selector, SelectionKey.OP_READ, new Connection(ch));
                }
                return;
            }
            Connection c = (Connection) key.attachment();
            if (key.isWritable()) {
                flush(c, key);
            }
            if (key.isValid() && key.isReadable()) {
                read(c, key);
            }
        } catch (IOException e) {
            failures++;
            key.cancel();
            if (key.attachment() instanceof Connection) {
                drop((Connection) key.attachment());
            }
        }
    }

    private void read(Connection c, SelectionKey key) throws IOException {
        while (true) {
            if (c.frame == null) {
                int n = c.channel.read(c.header);
                if (n < 0) {
                    key.cancel();
                    drop(c);
                    return;
                }
                if (c.header.hasRemaining()) {
                    return;
                }
                int length = c.header.getInt(0);
                c.header.clear();
                if (length < Request.HEADER || length > 1 << 20) {
                    throw new IOException("frame length " + length + " is outside 16 B .. 1 MiB");
                }
                c.frame = buffers.alloc(length);
            }
            if (c.channel.read(c.frame) < 0) {
                key.cancel();
                drop(c);
                return;
            }
            if (c.frame.hasRemaining()) {
                return;
            }
            c.frame.flip();
            ByteBuffer frame = c.frame;
            c.frame = null;
            answer(c, frame);
            flush(c, key);
        }
    }

    private void answer(Connection c, ByteBuffer frame) {
        try (Request r = new Request(frame, buffers)) {
            ByteBuffer payload = r.payload();
            crc.reset();
            crc.update(payload);
            payload.position(Request.HEADER);
            Response resp = new Response(buffers, r.id, (int) crc.getValue(), r.payloadLength);
            resp.wire.put(payload).flip();
            c.pending.addLast(resp);
            requests++;
        }
    }

    private void flush(Connection c, SelectionKey key) throws IOException {
        Response head;
        while ((head = c.pending.peekFirst()) != null) {
            c.channel.write(head.wire);
            if (head.wire.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            c.pending.pollFirst();
            head.close();
        }
        if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void drop(Connection c) {
        if (c.frame != null) {
            buffers.free(c.frame);
            c.frame = null;
        }
        for (Response r; (r = c.pending.pollFirst()) != null;) {
            r.close();
        }
        try {
            c.channel.close();
        } catch (IOException e) {
            // Already broken; the connection is gone either way.
        }
    }

    /** Stops the serving thread (it closes every connection and the listening socket). */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
    }
}
