package dev.dragonpool.examples.orderbook;

/**
 * A deterministic order stream (fixed seed, xorshift64*): passive limit orders around the
 * book's mid price, limit orders that cross the spread, market orders and cancels of orders it
 * sent earlier. It looks at the book it feeds, as the market's participants do: prices follow
 * the mid, and the cancel share rises when the book holds more than {@code target} orders and
 * falls below it, so the book stays near that size for as long as the stream runs.
 *
 * <p>{@link #next(MatchingEngine)} applies one command to the engine; it allocates nothing but
 * the {@link Order} it submits. The same seed against the same engine gives the same stream, so
 * two runs (with and without the agent) process identical work.
 */
public final class OrderFlow {
    /** Mean distance of a passive order from the mid, in ticks (exponential). */
    private static final double PASSIVE_MEAN_TICKS = 24;
    private static final double MARKET_SHARE = 0.03;
    private static final double CROSSING_SHARE = 0.04;

    private final int target;
    private long state;
    private long nextId = 1;
    private long[] sent;
    private int sentCount;
    private int reference;
    /** Commands so far by kind: passive limit, crossing limit, market, cancel. */
    final long[] commands = new long[4];

    /**
     * Makes a stream.
     *
     * @param seed the seed (any value; 0 is replaced by a constant)
     * @param target the number of resting orders the stream steers the book towards
     * @param ticks the book's price range
     */
    public OrderFlow(long seed, int target, int ticks) {
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        this.target = Math.max(1, target);
        this.sent = new long[Math.max(1024, Integer.highestOneBit(Math.max(1, target)) * 4)];
        this.reference = ticks / 2;
    }

    private long random() {
        long x = state;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        state = x;
        return x * 0x2545F4914F6CDD1DL;
    }

    private double uniform() {
        return (random() >>> 11) * 0x1.0p-53;
    }

    private int below(int n) {
        return (int) ((random() >>> 33) % n);
    }

    /**
     * Sends one passive limit order (used to fill the book before measuring).
     *
     * @param book the engine
     */
    public void passive(MatchingEngine book) {
        limit(book, false);
    }

    /**
     * Sends the next command of the stream to the engine.
     *
     * @param book the engine
     */
    public void next(MatchingEngine book) {
        double u = uniform();
        double cancelShare = 0.44 + 0.5 * (book.resting() - target) / (double) target;
        cancelShare = Math.max(0.05, Math.min(0.9, cancelShare));
        if (u < MARKET_SHARE) {
            commands[2]++;
            int side = below(2);
            book.submit(new Order(nextId++, side, Order.MARKET, 0, 1 + below(200), below(5000)));
        } else if (u < MARKET_SHARE + CROSSING_SHARE) {
            limit(book, true);
        } else if (u < MARKET_SHARE + CROSSING_SHARE + cancelShare && sentCount > 0) {
            commands[3]++;
            int i = below(sentCount);
            long id = sent[i];
            sent[i] = sent[--sentCount];
            book.cancel(id);
        } else {
            limit(book, false);
        }
    }

    private void limit(MatchingEngine book, boolean crossing) {
        int side = below(2);
        int bid = book.bestBid();
        int ask = book.bestAsk();
        int ticks = book.ticks();
        boolean twoSided = bid >= 0 && ask < ticks;
        if (twoSided) {
            reference = (bid + ask) >>> 1;
        }
        int price;
        if (crossing && twoSided) {
            commands[1]++;
            price = side == Order.BUY ? ask + below(3) : bid - below(3);
        } else {
            commands[0]++;
            int offset = 1 + (int) Math.min(ticks / 4.0, -Math.log(1 - uniform()) * PASSIVE_MEAN_TICKS);
            price = side == Order.BUY ? reference - offset : reference + offset;
            // Never cross when asked to rest (the mid can sit on the best price of a one-tick spread).
            if (side == Order.BUY && ask < ticks && price >= ask) {
                price = ask - 1;
            } else if (side == Order.SELL && bid >= 0 && price <= bid) {
                price = bid + 1;
            }
        }
        price = Math.max(1, Math.min(ticks - 2, price));
        long id = nextId++;
        book.submit(new Order(id, side, Order.LIMIT, price, 1 + below(100), below(5000)));
        if (sentCount == sent.length) {
            sent[below(sentCount)] = id;
        } else {
            sent[sentCount++] = id;
        }
    }

    /** @return orders submitted so far (ids given out) */
    public long orders() {
        return nextId - 1;
    }
}
