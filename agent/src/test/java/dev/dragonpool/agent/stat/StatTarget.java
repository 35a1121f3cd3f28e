package dev.dragonpool.agent.stat;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.LimitPolicy;
import dev.dragonpool.runtime.MPipe;
import dev.dragonpool.runtime.ObjCache;
import dev.dragonpool.runtime.Zone;
import dev.dragonpool.runtime.jmx.DragonpoolJmx;
import dev.dragonpool.runtime.kmalloc.KMalloc;
import dev.dragonpool.runtime.kmalloc.MallocType;
import java.nio.ByteBuffer;

/**
 * The second JVM the stat tests attach to: builds a few pools with known counters, publishes them
 * (a zone, an MPIPE, an arena, an object cache, a malloc type) with {@link DragonpoolJmx#start()}
 * (unless given {@code nojmx}), prints {@code READY <pid>}, then
 * keeps taking and returning one MPIPE object every few milliseconds (so rates are non-zero) until
 * its standard input closes.
 */
public final class StatTarget {

    private StatTarget() {
    }

    public static void main(String[] args) throws Exception {
        boolean jmx = args.length == 0 || !args[0].equals("nojmx");
        Zone<StringBuilder> zone = Zone.create("stat-zone", 8, StringBuilder::new);
        zone.alloc();
        zone.alloc();
        zone.alloc();
        MPipe<byte[]> pipe = MPipe.builder("stat-pipe", () -> new byte[1024]).reserve(4).max(16)
                .onLimit(LimitPolicy.FAIL).build();
        byte[][] held = new byte[6][];
        for (int i = 0; i < held.length; i++) {
            held[i] = pipe.get();
        }
        pipe.put(held[0]);
        pipe.put(held[1]);
        Arena arena = Arena.create("stat-arena", 1 << 20);
        arena.tryCharge(10_000);
        ObjCache<StringBuilder> cache = ObjCache.builder("com.acme.Order", StringBuilder::new).build();
        StringBuilder[] orders = new StringBuilder[10];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = cache.get();
        }
        for (int i = 0; i < 7; i++) {
            cache.put(orders[i]);
        }
        MallocType type = MallocType.define("stat-buffers", 1 << 20);
        KMalloc kmalloc = KMalloc.builder(Arena.create("stat-kmalloc", 16 << 20)).build();
        ByteBuffer[] buffers = {kmalloc.alloc(type, 100), kmalloc.alloc(type, 100)};
        if (jmx) {
            DragonpoolJmx.start();
        }
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // wait for EOF
                }
            } catch (java.io.IOException e) {
                // parent gone
            }
            System.exit(0);
        });
        stdin.setDaemon(true);
        stdin.start();
        for (;;) {
            pipe.put(pipe.get());
            Thread.sleep(5);
            if (buffers.length == 0 || orders.length == 0) {
                break; // never: keeps the held objects reachable
            }
        }
    }
}
