package dev.dragonpool.examples.orderbook;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Retained;

/**
 * A market data event: the new state of one price level (FIX {@code 35=X}, an incremental
 * refresh with the level's total quantity and order count), published on every change of a
 * level and encoded at construction into a {@code @Retained} wire buffer. The {@link Gateway}
 * sends it and releases it.
 */
@Pooled(capacity = 1024)
public class BookUpdate {
    static final int WIRE_CAPACITY = 96;

    @Retained
    private byte[] wire;
    private int length;

    BookUpdate(long seq, int side, int price, long quantity, int orders) {
        if (wire == null) {
            wire = new byte[WIRE_CAPACITY];
        }
        byte[] w = wire;
        int p = Ascii.tag(w, 0, 35, (byte) 'X');
        p = Ascii.tag(w, p, 34, seq);
        p = Ascii.tag(w, p, 279, (byte) (quantity == 0 ? '2' : '1'));
        p = Ascii.tag(w, p, 269, (byte) (side == Order.BUY ? '0' : '1'));
        p = Ascii.tag(w, p, 270, price);
        p = Ascii.tag(w, p, 271, quantity);
        p = Ascii.tag(w, p, 346, orders);
        int sum = 0;
        for (int i = 0; i < p; i++) {
            sum += w[i];
        }
        length = Ascii.checksum(w, p, sum & 0xFF);
    }

    byte[] wire() {
        return wire;
    }

    int length() {
        return length;
    }
}
