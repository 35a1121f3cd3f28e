package dev.dragonpool.examples.orderbook;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Retained;

/**
 * An execution report (FIX {@code 35=8}) for one change of one order, encoded at construction
 * into a {@code @Retained} wire buffer as tag=value ASCII, then handed to the {@link Gateway},
 * which "sends" it and releases it. The wire buffer is made once per pooled instance; without
 * the agent every report allocates one.
 */
@Pooled(capacity = 1024)
public class ExecReport {
    /** The order rests in the book. */
    public static final int NEW = 0;
    /** The order traded and has lots left. */
    public static final int PARTIAL = 1;
    /** The order traded its last lots. */
    public static final int FILLED = 2;
    /** The order was cancelled. */
    public static final int CANCELED = 3;
    /** The request was refused (unknown order on cancel, price out of range). */
    public static final int REJECTED = 4;
    /** A market order's lots that found no counterpart. */
    public static final int EXPIRED = 5;

    static final int WIRE_CAPACITY = 160;
    private static final byte[] EXEC_TYPE = {'0', 'F', 'F', '4', '8', 'C'};

    @Retained
    private byte[] wire;
    private int length;
    int kind;

    ExecReport(int kind, long seq, long orderId, byte[] clientId, int side, int price, int lastQty, int leaves) {
        if (wire == null) {
            wire = new byte[WIRE_CAPACITY];
        }
        this.kind = kind;
        byte[] w = wire;
        int p = Ascii.tag(w, 0, 35, (byte) '8');
        p = Ascii.tag(w, p, 34, seq);
        p = Ascii.tag(w, p, 37, orderId);
        if (clientId != null) {
            p = Ascii.tag(w, p, 11, clientId);
        }
        p = Ascii.tag(w, p, 150, EXEC_TYPE[kind]);
        p = Ascii.tag(w, p, 54, (byte) (side == Order.BUY ? '1' : '2'));
        p = Ascii.tag(w, p, 31, price);
        p = Ascii.tag(w, p, 32, lastQty);
        p = Ascii.tag(w, p, 151, leaves);
        int sum = 0;
        for (int i = 0; i < p; i++) {
            sum += w[i];
        }
        length = Ascii.checksum(w, p, sum & 0xFF);
    }

    /** @return the encoded message's bytes, valid up to {@link #length()} */
    byte[] wire() {
        return wire;
    }

    /** @return the encoded message's length */
    int length() {
        return length;
    }
}
