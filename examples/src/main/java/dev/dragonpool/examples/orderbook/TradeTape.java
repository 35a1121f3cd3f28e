package dev.dragonpool.examples.orderbook;

import dev.dragonpool.Pooling;

/** The public trade feed: volume, notional and last price of every fill, which it then releases. */
final class TradeTape {
    long trades;
    long volume;
    long notional;
    int last;

    void onFill(Fill f) {
        trades++;
        volume += f.quantity;
        notional += (long) f.quantity * f.price;
        last = f.price;
        Pooling.release(f);
    }
}
