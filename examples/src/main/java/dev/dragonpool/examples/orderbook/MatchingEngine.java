package dev.dragonpool.examples.orderbook;

import dev.dragonpool.Pooling;

/**
 * A price-time priority limit order book for one instrument, single-threaded (as exchange
 * matching engines are: one thread per book, in sequence).
 *
 * <p>Layout: prices are integer ticks in {@code [0, ticks)}; each side has one preallocated
 * {@link PriceLevel} per tick, and the best bid and ask indices are kept (a level that empties
 * moves the best to the next non-empty one by a scan, short because orders cluster near the
 * top). Resting orders are found by id in an {@link OrderIndex}. Every change of a level is
 * published as a {@link BookUpdate} (market data). Nothing here allocates in steady state except
 * the {@link Order}s, {@link Fill}s, {@link ExecReport}s and {@link BookUpdate}s, which are
 * {@code @Pooled}: with the agent they are recycled, which is the point of the example.
 *
 * <p>Ownership: the caller hands every submitted order to the engine. The engine releases an
 * order when it is filled, cancelled, expired or rejected; the {@link Gateway} releases reports
 * and updates, and the {@link TradeTape} releases fills.
 */
public final class MatchingEngine {
    private final int ticks;
    private final PriceLevel[] bids;
    private final PriceLevel[] asks;
    private final OrderIndex index;
    private final Gateway gateway = new Gateway();
    private final TradeTape tape = new TradeTape();
    private int bestBid = -1;
    private int bestAsk;
    private long seq;

    /**
     * Makes an empty book.
     *
     * @param ticks the number of price ticks (prices are {@code 0..ticks-1})
     * @param expectedOrders resting orders to size the index for
     */
    public MatchingEngine(int ticks, int expectedOrders) {
        if (ticks < 2) {
            throw new IllegalArgumentException("ticks " + ticks + " must be at least 2");
        }
        this.ticks = ticks;
        bids = new PriceLevel[ticks];
        asks = new PriceLevel[ticks];
        for (int i = 0; i < ticks; i++) {
            bids[i] = new PriceLevel();
            asks[i] = new PriceLevel();
        }
        bestAsk = ticks;
        index = new OrderIndex(expectedOrders);
    }

    /**
     * Matches an order against the other side, then rests what is left of a limit order, or
     * expires what is left of a market order.
     *
     * @param o the order, owned by the engine from now on
     */
    public void submit(Order o) {
        if (o.type == Order.LIMIT && (o.price < 0 || o.price >= ticks)) {
            report(ExecReport.REJECTED, o, 0, 0);
            Pooling.release(o);
            return;
        }
        if (o.side == Order.BUY) {
            int limit = o.type == Order.MARKET ? ticks - 1 : o.price;
            while (o.leaves() > 0 && bestAsk <= limit) {
                PriceLevel level = asks[bestAsk];
                trade(o, level, bestAsk);
                publish(Order.SELL, bestAsk, level);
                if (level.isEmpty()) {
                    bestAsk = nextAsk(bestAsk);
                }
            }
        } else {
            int limit = o.type == Order.MARKET ? 0 : o.price;
            while (o.leaves() > 0 && bestBid >= limit) {
                PriceLevel level = bids[bestBid];
                trade(o, level, bestBid);
                publish(Order.BUY, bestBid, level);
                if (level.isEmpty()) {
                    bestBid = nextBid(bestBid);
                }
            }
        }
        if (o.leaves() == 0) {
            Pooling.release(o);
        } else if (o.type == Order.MARKET) {
            report(ExecReport.EXPIRED, o, 0, 0);
            Pooling.release(o);
        } else {
            rest(o);
        }
    }

    /**
     * Cancels a resting order.
     *
     * @param id its id
     * @return whether it was resting (an unknown id gets a rejected report)
     */
    public boolean cancel(long id) {
        Order o = index.remove(id);
        if (o == null) {
            seq++;
            gateway.send(new ExecReport(ExecReport.REJECTED, seq, id, null, Order.BUY, 0, 0, 0));
            return false;
        }
        PriceLevel level = (o.side == Order.BUY ? bids : asks)[o.price];
        level.remove(o);
        publish(o.side, o.price, level);
        if (level.isEmpty()) {
            if (o.side == Order.BUY && o.price == bestBid) {
                bestBid = nextBid(bestBid);
            } else if (o.side == Order.SELL && o.price == bestAsk) {
                bestAsk = nextAsk(bestAsk);
            }
        }
        o.quantity = o.filled;
        report(ExecReport.CANCELED, o, 0, 0);
        Pooling.release(o);
        return true;
    }

    private void trade(Order taker, PriceLevel level, int price) {
        Order maker = level.head;
        int q = Math.min(taker.leaves(), maker.leaves());
        seq++;
        tape.onFill(new Fill(seq, taker.id, maker.id, taker.side, price, q));
        taker.filled += q;
        maker.filled += q;
        level.quantity -= q;
        report(maker.leaves() == 0 ? ExecReport.FILLED : ExecReport.PARTIAL, maker, price, q);
        report(taker.leaves() == 0 ? ExecReport.FILLED : ExecReport.PARTIAL, taker, price, q);
        if (maker.leaves() == 0) {
            level.remove(maker);
            index.remove(maker.id);
            Pooling.release(maker);
        }
    }

    private void rest(Order o) {
        index.put(o);
        if (o.side == Order.BUY) {
            bids[o.price].append(o);
            if (o.price > bestBid) {
                bestBid = o.price;
            }
            publish(Order.BUY, o.price, bids[o.price]);
        } else {
            asks[o.price].append(o);
            if (o.price < bestAsk) {
                bestAsk = o.price;
            }
            publish(Order.SELL, o.price, asks[o.price]);
        }
        report(ExecReport.NEW, o, 0, 0);
    }

    private void publish(int side, int price, PriceLevel level) {
        seq++;
        gateway.publish(new BookUpdate(seq, side, price, level.quantity, level.orders));
    }

    private void report(int kind, Order o, int lastPrice, int lastQty) {
        seq++;
        gateway.send(new ExecReport(kind, seq, o.id, o.clientId(), o.side, lastPrice != 0 ? lastPrice : o.price,
                lastQty, o.leaves()));
    }

    private int nextAsk(int from) {
        for (int p = from + 1; p < ticks; p++) {
            if (!asks[p].isEmpty()) {
                return p;
            }
        }
        return ticks;
    }

    private int nextBid(int from) {
        for (int p = from - 1; p >= 0; p--) {
            if (!bids[p].isEmpty()) {
                return p;
            }
        }
        return -1;
    }

    /** @return the best bid in ticks, or -1 when no bid rests */
    public int bestBid() {
        return bestBid;
    }

    /** @return the best ask in ticks, or {@code ticks} when no ask rests */
    public int bestAsk() {
        return bestAsk;
    }

    /** @return the number of price ticks */
    public int ticks() {
        return ticks;
    }

    /** @return orders resting in the book */
    public int resting() {
        return index.size();
    }

    /** @return fills so far */
    public long trades() {
        return tape.trades;
    }

    /** @return lots traded so far */
    public long volume() {
        return tape.volume;
    }

    /** @return execution reports sent, by kind ({@link ExecReport#NEW} ... {@link ExecReport#EXPIRED}) */
    public long[] reports() {
        return gateway.reports.clone();
    }

    /** @return market data updates published */
    public long bookUpdates() {
        return gateway.updates;
    }

    /** @return bytes of execution reports and market data sent */
    public long reportBytes() {
        return gateway.bytes();
    }

    /**
     * A digest of everything the engine emitted (every report's bytes, the trade tape), equal
     * between two runs of the same order stream exactly when they produced the same output.
     *
     * @return the digest
     */
    public long checksum() {
        return gateway.checksum() * 31 + tape.volume * 17 + tape.notional + tape.trades + seq;
    }

    /**
     * Checks the book's invariants (levels' counts and quantities agree with their lists, best
     * prices are the extreme non-empty levels, the index holds exactly the resting orders);
     * O(book), for tests.
     *
     * @return {@code null} when consistent, else what is wrong
     */
    public String validate() {
        int total = 0;
        int hiBid = -1;
        int loAsk = ticks;
        for (int p = 0; p < ticks; p++) {
            for (int s = 0; s < 2; s++) {
                PriceLevel l = (s == 0 ? bids : asks)[p];
                int n = 0;
                long q = 0;
                for (Order o = l.head; o != null; o = o.next) {
                    n++;
                    q += o.leaves();
                    if (o.leaves() <= 0 || o.price != p || o.side != s || index.get(o.id) != o) {
                        return "order " + o.id + " at level " + p + " side " + s + " is inconsistent";
                    }
                }
                if (n != l.orders || q != l.quantity) {
                    return "level " + p + " side " + s + " counts " + l.orders + "/" + l.quantity + " but holds " + n + "/" + q;
                }
                if (n > 0 && s == 0) {
                    hiBid = p;
                }
                if (n > 0 && s == 1 && loAsk == ticks) {
                    loAsk = p;
                }
                total += n;
            }
        }
        if (hiBid != bestBid || loAsk != bestAsk) {
            return "best bid/ask " + bestBid + "/" + bestAsk + " but levels say " + hiBid + "/" + loAsk;
        }
        if (total != index.size()) {
            return "levels hold " + total + " orders, index " + index.size();
        }
        if (hiBid >= loAsk) {
            return "book is crossed: bid " + hiBid + " >= ask " + loAsk;
        }
        return null;
    }
}
