package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.micrometer.DragonpoolMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class OrderMetricsTest {

    @Test
    void the_binder_publishes_the_agents_cache_for_order() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DragonpoolMetrics metrics = new DragonpoolMetrics()) {
            metrics.bindTo(registry);
            for (int i = 0; i < 10; i++) {
                new Order("M-" + i, i).close();
            }
            FunctionCounter requests = registry.find("dragonpool.objcache.requests")
                    .tag("pool.name", Order.class.getName()).functionCounter();
            assertNotNull(requests, "no dragonpool.objcache.requests meter for " + Order.class.getName());
            assertTrue(requests.count() >= 10, "requests " + requests.count());
            System.out.println("consumer: dragonpool.objcache.requests{pool.name=" + Order.class.getName() + "} "
                    + requests.count());
        }
    }
}
