package dev.dragonpool.examples.orderbook;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Retained;

/**
 * One order: a limit order (rests in the book when it does not fill at once) or a market order
 * (takes what it can, the rest expires). Resting orders are linked into their price level's FIFO
 * queue through {@link #prev}/{@link #next} (an intrusive list: cancel is O(1) and costs no node).
 *
 * <p>Pooled: the engine releases an order once it is filled, cancelled or expired, so with the
 * agent a new order is a recycled one. A resting order lives for seconds, long enough to be
 * promoted by a generational GC: without pooling every order that rests is copied between
 * survivor spaces and into the old generation, and links old orders to young ones. The
 * client order id ({@link #clientId}, 20 ASCII bytes, as FIX tag 11) is {@code @Retained}: made
 * once per recycled instance, refilled per order.
 */
@Pooled(capacity = 1024)
public class Order {
    /** Side: buy. */
    public static final int BUY = 0;
    /** Side: sell. */
    public static final int SELL = 1;
    /** Type: limit order, rests when it does not fill. */
    public static final int LIMIT = 0;
    /** Type: market order, fills what it can and the rest expires. */
    public static final int MARKET = 1;

    static final int CLIENT_ID_LENGTH = 20;

    @Retained
    private byte[] clientId;

    long id;
    int side;
    int type;
    int price;
    int quantity;
    int filled;
    Order prev;
    Order next;

    /**
     * Makes an order.
     *
     * @param id the exchange's order id, positive and unique
     * @param side {@link #BUY} or {@link #SELL}
     * @param type {@link #LIMIT} or {@link #MARKET}
     * @param price the limit price in ticks (ignored for market orders)
     * @param quantity lots, positive
     * @param account the client account, part of the client order id
     * @throws IllegalArgumentException when the side, type or quantity is out of range
     */
    public Order(long id, int side, int type, int price, int quantity, int account) {
        if (side != BUY && side != SELL || type != LIMIT && type != MARKET || quantity <= 0) {
            throw new IllegalArgumentException("order " + id + ": side " + side + ", type " + type + ", quantity "
                    + quantity + ": side must be 0 (buy) or 1 (sell), type 0 (limit) or 1 (market), quantity positive");
        }
        if (clientId == null) {
            clientId = new byte[CLIENT_ID_LENGTH];
        }
        this.id = id;
        this.side = side;
        this.type = type;
        this.price = price;
        this.quantity = quantity;
        Ascii.clientId(clientId, account, id);
    }

    /** @return the exchange's order id */
    public long id() {
        return id;
    }

    /** @return lots still open */
    public int leaves() {
        return quantity - filled;
    }

    /** @return the client order id's bytes (read-only by convention) */
    byte[] clientId() {
        return clientId;
    }
}
