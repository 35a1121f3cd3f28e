package dev.dragonpool.runtime.kmalloc;

import dev.dragonpool.runtime.Arena;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link KMallocDirectMemoryTest} in a JVM with little direct memory
 * ({@code -XX:MaxDirectMemorySize}): allocates until the JVM has no direct memory left though the
 * arena's budget is far from spent, and checks what the caller sees. Prints {@code OK} and the
 * failure's message, or exits with status 1 and what went wrong.
 */
public final class DirectMemoryProbe {
    private DirectMemoryProbe() {
    }

    public static void main(String[] args) {
        Arena arena = Arena.create("probe", 1L << 30);
        KMalloc km = KMalloc.builder(arena).build();
        MallocType type = MallocType.define("probe", 1L << 30);
        List<ByteBuffer> held = new ArrayList<>();
        MallocLimitExceededException failure = null;
        for (int i = 0; i < 10_000 && failure == null; i++) {
            try {
                held.add(km.alloc(type, 100 << 10));
            } catch (MallocLimitExceededException e) {
                failure = e;
            }
        }
        if (failure == null) {
            fail("no failure after " + held.size() + " buffers of 100 KiB");
        }
        if (held.isEmpty()) {
            fail("not even one buffer was allocated");
        }
        long chargedAtFailure = arena.charged();
        ByteBuffer nothing = km.alloc(type, 100 << 10, KMalloc.NULLOK);
        if (nothing != null) {
            fail("NULLOK did not return null when out of direct memory");
        }
        if (arena.charged() != chargedAtFailure) {
            fail("failed allocations left bytes charged: " + chargedAtFailure + " then " + arena.charged());
        }
        int count = held.size();
        for (ByteBuffer b : held) {
            km.free(b);
        }
        held.clear(); // views keep their chunk's native memory alive
        km.trim(); // gives the empty chunks back; the JVM frees them when the GC collects them
        ByteBuffer again = km.alloc(type, 100 << 10, KMalloc.NULLOK); // allocateDirect runs the GC itself
        if (again == null) {
            fail("the allocator did not recover after every buffer was freed");
        }
        km.free(again);
        km.close();
        System.out.println("OK " + count + " " + failure.getMessage());
    }

    private static void fail(String why) {
        System.out.println("FAIL " + why);
        System.exit(1);
    }
}
