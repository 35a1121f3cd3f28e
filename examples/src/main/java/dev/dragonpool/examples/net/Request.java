package dev.dragonpool.examples.net;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Release;
import java.nio.ByteBuffer;

/**
 * One decoded request: {@code id (8) | op (4) | payload length (4) | payload}, read into a buffer
 * of exactly the frame's size. The request owns that buffer: {@link #close()} frees it and (with
 * the agent) releases the request itself.
 */
@Pooled(capacity = 256)
public class Request implements AutoCloseable {
    static final int HEADER = 16;
    /** Operation: echo the payload with its CRC32C. */
    static final int ECHO = 1;

    private Buffers buffers;
    private ByteBuffer frame;
    long id;
    int op;
    int payloadLength;

    /**
     * Decodes a frame.
     *
     * @param frame the frame's bytes, position 0, limit its length; owned by the request from now on
     * @param buffers where the frame came from (to free it)
     * @throws IllegalArgumentException when the frame is shorter than its header says
     */
    Request(ByteBuffer frame, Buffers buffers) {
        this.frame = frame;
        this.buffers = buffers;
        id = frame.getLong(0);
        op = frame.getInt(8);
        payloadLength = frame.getInt(12);
        if (payloadLength < 0 || HEADER + payloadLength > frame.limit()) {
            buffers.free(frame);
            throw new IllegalArgumentException("request " + id + " declares a " + payloadLength + "-byte payload in a "
                    + frame.limit() + "-byte frame");
        }
    }

    /**
     * Sets the frame's position and limit to the payload.
     *
     * @return the frame, positioned on the payload
     */
    ByteBuffer payload() {
        frame.limit(HEADER + payloadLength).position(HEADER);
        return frame;
    }

    /** Frees the frame and releases the request. */
    @Release
    @Override
    public void close() {
        buffers.free(frame);
    }
}
