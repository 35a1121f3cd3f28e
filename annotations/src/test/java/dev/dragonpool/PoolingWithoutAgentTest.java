package dev.dragonpool;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dragonpool.annotations.Pooled;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.junit.jupiter.api.Test;

class PoolingWithoutAgentTest {

    @Pooled(capacity = 8, limit = 4, onLimit = Pooled.LimitPolicy.FAIL)
    static final class Point {
        int x;
    }

    @Test
    void release_without_agent_is_a_no_op() {
        Point p = new Point();
        p.x = 3;
        assertDoesNotThrow(() -> Pooling.release(p));
        assertDoesNotThrow(() -> Pooling.release(null));
        assertEquals(3, p.x);
    }

    @Test
    void is_pooled_without_agent_is_false() {
        assertFalse(Pooling.isPooled(Point.class));
        assertFalse(Pooling.isPooled(String.class));
    }

    @Test
    void pooled_settings_are_visible_at_runtime() {
        Pooled p = Point.class.getAnnotation(Pooled.class);
        assertEquals(8, p.capacity());
        assertEquals(4, p.limit());
        assertEquals(0, p.reserve());
        assertEquals(Pooled.LimitPolicy.FAIL, p.onLimit());
        assertEquals(RetentionPolicy.RUNTIME, Pooled.class.getAnnotation(Retention.class).value());
    }
}
