package dev.dragonpool.examples.net;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;
import java.nio.ByteBuffer;

/**
 * One response waiting to be written: {@code length (4) | id (8) | crc (4) | payload length (4)
 * | payload}, in a buffer of exactly its size. {@link #close()} frees the buffer and (with the
 * agent) releases the response, once the connection has written it all.
 */
@Pooled(capacity = 256)
public class Response implements AutoCloseable {
    static final int HEADER = 20;

    private Buffers buffers;
    ByteBuffer wire;

    /**
     * Encodes a response; the caller then copies the payload into {@link #wire} and flips it.
     *
     * @param buffers where to allocate the wire buffer
     * @param id the request's id
     * @param crc the payload's CRC32C
     * @param payloadLength the payload's length
     */
    Response(Buffers buffers, long id, int crc, int payloadLength) {
        this.buffers = buffers;
        wire = buffers.alloc(HEADER + payloadLength);
        wire.putInt(HEADER - 4 + payloadLength).putLong(id).putInt(crc).putInt(payloadLength);
    }

    /** Frees the wire buffer and releases the response. */
    @Release
    @Override
    public void close() {
        buffers.free(wire);
    }
}
