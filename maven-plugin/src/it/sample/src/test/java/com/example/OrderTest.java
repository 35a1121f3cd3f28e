package com.example;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.Pooling;
import org.junit.jupiter.api.Test;

/** Woven by weave-tests: runs pooled under plain surefire, no agent. */
class OrderTest {
    @Test
    void a_released_order_is_handed_out_again() {
        assertTrue(Pooling.isPooled(Order.class));
        Order first;
        try (Order o = new Order("a", 1)) {
            first = o;
        }
        try (Order o = new Order("b", 2)) {
            assertSame(first, o);
            assertTrue(o.id().equals("b"));
        }
    }
}
