package dev.dragonpool.examples.orderbook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatchingEngineTest {

    private static Order limit(long id, int side, int price, int qty) {
        return new Order(id, side, Order.LIMIT, price, qty, 7);
    }

    @Test
    void earlier_order_at_the_same_price_fills_first() {
        MatchingEngine book = new MatchingEngine(100, 16);
        book.submit(limit(1, Order.SELL, 50, 10));
        book.submit(limit(2, Order.SELL, 50, 10));
        book.submit(limit(3, Order.SELL, 49, 5));
        book.submit(limit(4, Order.BUY, 50, 12));      // 5 @ 49 (better price), then 7 of order 1
        assertEquals(2, book.trades());
        assertEquals(12, book.volume());
        assertEquals(2, book.resting());                // 3 lots of order 1 and order 2
        assertEquals(50, book.bestAsk());
        assertTrue(book.cancel(1));
        assertFalse(book.cancel(3), "order 3 was filled: unknown to the book");
        book.submit(new Order(5, Order.BUY, Order.MARKET, 0, 4, 7));
        assertEquals(3, book.trades());
        assertEquals(1, book.resting());
        assertNull(book.validate());
    }

    @Test
    void market_order_expires_what_finds_no_counterpart_and_reports_say_so() {
        MatchingEngine book = new MatchingEngine(100, 16);
        book.submit(limit(1, Order.BUY, 40, 3));
        book.submit(new Order(2, Order.SELL, Order.MARKET, 0, 10, 7));
        long[] reports = book.reports();
        // NEW for order 1; FILLED for order 1 and PARTIAL for order 2; EXPIRED for order 2's 7 lots.
        assertArrayEquals(new long[] {1, 1, 1, 0, 0, 1}, reports);
        assertEquals(0, book.resting());
        assertEquals(-1, book.bestBid());
        assertNull(book.validate());
    }

    @Test
    void limit_price_outside_the_book_is_rejected_not_thrown() {
        MatchingEngine book = new MatchingEngine(100, 16);
        book.submit(limit(1, Order.BUY, 100, 3));
        assertEquals(1, book.reports()[ExecReport.REJECTED]);
        assertEquals(0, book.resting());
    }

    @Test
    void bad_order_fields_throw_naming_them() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Order(9, 2, Order.LIMIT, 5, 1, 1));
        assertTrue(e.getMessage().startsWith("order 9: side 2, type 0, quantity 1"), e.getMessage());
    }

    @Test
    void generated_stream_keeps_the_book_consistent_near_its_target_size() {
        MatchingEngine book = new MatchingEngine(4096, 4000);
        OrderFlow flow = new OrderFlow(7, 2000, 4096);
        while (book.resting() < 2000) {
            flow.passive(book);
        }
        for (int i = 0; i < 200_000; i++) {
            flow.next(book);
            if (i % 20_000 == 0) {
                assertNull(book.validate(), "after command " + i);
            }
        }
        assertNull(book.validate());
        assertTrue(book.resting() > 1000 && book.resting() < 4000, "book drifted to " + book.resting() + " orders");
        assertTrue(book.trades() > 1000, "too few trades: " + book.trades());
        assertTrue(flow.commands[3] > 50_000 && flow.commands[2] > 1000, "cancels " + flow.commands[3] + ", markets " + flow.commands[2]);
    }

    @Test
    void same_seed_gives_the_same_output_digest() {
        long[] digests = new long[3];
        for (int run = 0; run < 3; run++) {
            MatchingEngine book = new MatchingEngine(4096, 2000);
            OrderFlow flow = new OrderFlow(run == 2 ? 8 : 7, 1000, 4096);
            for (int i = 0; i < 50_000; i++) {
                flow.next(book);
            }
            digests[run] = book.checksum();
        }
        assertEquals(digests[0], digests[1]);
        assertTrue(digests[0] != digests[2]);
    }

    @Test
    void index_survives_heavy_insert_delete_with_collisions() {
        OrderIndex index = new OrderIndex(16);
        java.util.Map<Long, Order> model = new java.util.HashMap<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            long id = 1 + r.nextInt(5000);
            if (r.nextBoolean() && !model.containsKey(id)) {
                Order o = limit(id, Order.BUY, 1, 1);
                index.put(o);
                model.put(id, o);
            } else {
                assertEquals(model.remove(id), index.remove(id), "remove " + id);
            }
            if (i % 10_000 == 0) {
                for (long k = 1; k <= 5000; k++) {
                    assertEquals(model.get(k), index.get(k), "get " + k);
                }
            }
        }
        assertEquals(model.size(), index.size());
    }
}
