package dev.dragonpool.examples.orderbook;

import dev.dragonpool.annotations.Pooled;

/**
 * One trade between an incoming (taker) order and a resting (maker) order, handed to the
 * {@link TradeTape}, which releases it once recorded.
 */
@Pooled(capacity = 1024)
public class Fill {
    long seq;
    long takerId;
    long makerId;
    int takerSide;
    int price;
    int quantity;

    Fill(long seq, long takerId, long makerId, int takerSide, int price, int quantity) {
        this.seq = seq;
        this.takerId = takerId;
        this.makerId = makerId;
        this.takerSide = takerSide;
        this.price = price;
        this.quantity = quantity;
    }
}
