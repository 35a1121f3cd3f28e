package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.Pooling;
import org.junit.jupiter.api.Test;

class OrderPoolingTest {

    @Test
    void order_is_pooled_under_the_agent() {
        assertTrue(Pooling.isPooled(Order.class),
                "Order is not pooled: run the tests with -javaagent:dragonpool-agent.jar (surefire argLine)");
    }

    @Test
    void new_after_close_takes_the_released_instance() {
        Order first = new Order("A-1", 1250);
        assertEquals("A-1: 1250 cents", first.describe());
        first.close();
        Order second = new Order("B-2", 99);
        assertSame(first, second, "the second new reuses the instance the first close released");
        assertEquals("B-2: 99 cents", second.describe());
        second.close();
        System.out.println("consumer: Order pooled, identity after release " + (first == second));
    }
}
