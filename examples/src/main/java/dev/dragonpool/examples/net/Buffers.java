package dev.dragonpool.examples.net;

import dev.dragonpool.runtime.kmalloc.KMalloc;
import dev.dragonpool.runtime.kmalloc.MallocType;
import java.nio.ByteBuffer;

/**
 * Where the network service gets its per-request buffers: {@link #kmalloc()} (off-heap,
 * size-classed, recycled: Dragonpool's {@link KMalloc}) or {@link #heap()} (a new
 * {@code ByteBuffer.allocate} per request, what plain Java code does; freeing is the GC's job).
 */
interface Buffers {
    /** The malloc type the service charges its kmalloc buffers to. */
    String TYPE_NAME = "net-buffers";

    ByteBuffer alloc(int size);

    void free(ByteBuffer b);

    String name();

    /** @return buffers from {@link KMalloc#global()}, charged to {@value #TYPE_NAME} (64 MiB limit) */
    static Buffers kmalloc() {
        MallocType type = MallocType.define(TYPE_NAME, 64L << 20);
        KMalloc km = KMalloc.global();
        return new Buffers() {
            @Override
            public ByteBuffer alloc(int size) {
                return km.alloc(type, size);
            }

            @Override
            public void free(ByteBuffer b) {
                km.free(b);
            }

            @Override
            public String name() {
                return "kmalloc";
            }
        };
    }

    /** @return a new heap buffer per call; {@code free} does nothing */
    static Buffers heap() {
        return new Buffers() {
            @Override
            public ByteBuffer alloc(int size) {
                return ByteBuffer.allocate(size);
            }

            @Override
            public void free(ByteBuffer b) {
                // The GC reclaims it.
            }

            @Override
            public String name() {
                return "heap";
            }
        };
    }
}
