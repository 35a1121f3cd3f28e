package dev.dragonpool.examples.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.runtime.kmalloc.MallocType;
import org.junit.jupiter.api.Test;

class EchoServerTest {

    private static void exchange(Buffers buffers) throws InterruptedException {
        EchoServer server = new EchoServer(buffers);
        Thread t = new Thread(server, "echo-server-test");
        t.start();
        LoadGenerator gen = new LoadGenerator(server.address(), 3, 5_000, 16, 20_000, 1);
        gen.run(3_000, 10, 5_000, () -> { });
        gen.close();
        server.close();
        t.join(5_000);
        assertEquals(3_000, gen.sent);
        assertEquals(3_000, gen.received, "every request answered");
        assertEquals(0, gen.mismatches, "every answer carries its payload's CRC32C and length");
        assertEquals(3_000, gen.latency.getTotalCount());
        assertEquals(3_000, server.requests);
        assertTrue(!t.isAlive(), "server thread stopped");
    }

    @Test
    void answers_every_request_with_heap_buffers() throws InterruptedException {
        exchange(Buffers.heap());
    }

    @Test
    void answers_every_request_with_kmalloc_buffers_and_frees_them_all() throws InterruptedException {
        exchange(Buffers.kmalloc());
        MallocType type = MallocType.all().stream().filter(m -> m.name().equals(Buffers.TYPE_NAME)).findFirst().orElseThrow();
        assertEquals(0, type.stats().inUse(), "buffers still allocated after the run");
        assertTrue(type.stats().requests() >= 6_000, "one request and one response buffer per request");
    }
}
