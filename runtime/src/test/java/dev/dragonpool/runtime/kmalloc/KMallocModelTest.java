package dev.dragonpool.runtime.kmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.runtime.Arena;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Random sequences of good and bad calls checked against a simple model (the live buffers, their
 * charged sizes and contents): every call fails exactly when the model says it must, and the
 * type's statistics always equal the model's totals.
 */
class KMallocModelTest {

    @Test
    void random_calls_match_a_model_of_live_buffers() {
        KMalloc km = KMalloc.builder(Arena.create("kmalloc-model", 32L << 20)).build();
        long limit = 2L << 20;
        MallocType type = MallocType.define("kmalloc-model", limit);
        SplittableRandom rnd = new SplittableRandom(0xD0DE);
        Map<ByteBuffer, Byte> live = new IdentityHashMap<>();
        List<ByteBuffer> liveList = new ArrayList<>();
        List<ByteBuffer> freed = new ArrayList<>();
        long charged = 0;
        int refusals = 0;
        for (int op = 0; op < 20_000; op++) {
            int kind = rnd.nextInt(100);
            if (kind < 45 || liveList.isEmpty()) {
                int size = rnd.nextInt(10) == 0 ? 65537 + rnd.nextInt(100_000) : 1 + rnd.nextInt(20_000);
                long c = km.chargedSize(size);
                ByteBuffer b = km.alloc(type, size, KMalloc.NULLOK);
                if (charged + c > limit) {
                    assertNull(b, "over the limit: " + (charged + c));
                    refusals++;
                    continue;
                }
                assertNotNull(b, "under the limit (one thread holds all the credit): " + (charged + c));
                assertEquals(size, b.limit());
                assertEquals(c, b.capacity());
                byte tag = (byte) op;
                b.put(0, tag).put(size - 1, tag);
                live.put(b, tag);
                liveList.add(b);
                freed.remove(b); // a reused view is live again
                charged += c;
            } else if (kind < 80) {
                ByteBuffer b = liveList.remove(rnd.nextInt(liveList.size()));
                byte tag = live.remove(b);
                assertEquals(tag, b.get(0));
                assertEquals(tag, b.get(b.limit() - 1));
                charged -= b.capacity();
                km.free(b);
                freed.add(b);
            } else if (kind < 88 && !freed.isEmpty()) {
                ByteBuffer b = freed.get(rnd.nextInt(freed.size()));
                RuntimeException e = assertThrows(RuntimeException.class, () -> km.free(b));
                assertTrue(e instanceof IllegalStateException && e.getMessage().startsWith("double free")
                        || e instanceof IllegalArgumentException && e.getMessage().contains("already freed"),
                        e.toString());
            } else if (kind < 94) {
                ByteBuffer b = liveList.get(rnd.nextInt(liveList.size()));
                ByteBuffer alias = rnd.nextBoolean() ? b.duplicate() : b.slice(0, 1);
                var e = assertThrows(IllegalArgumentException.class, () -> km.free(alias));
                assertTrue(e.getMessage().contains("slice or duplicate"), e.getMessage());
            } else {
                int i = rnd.nextInt(liveList.size());
                ByteBuffer b = liveList.get(i);
                byte tag = live.get(b);
                int newSize = 1 + rnd.nextInt(20_000);
                long oldCharge = b.capacity();
                long newCharge = km.chargedSize(newSize);
                boolean inPlace = newCharge == oldCharge && b.capacity() <= 64 * 1024;
                ByteBuffer r = km.realloc(b, newSize, KMalloc.NULLOK);
                if (r == null) {
                    // Only a move can fail: the new buffer is charged while the old one is still held.
                    assertTrue(!inPlace && charged + newCharge > limit, "refused realloc at " + charged);
                    refusals++;
                    continue;
                }
                assertTrue(inPlace == (r == b), "in place exactly when the size class is the same");
                assertEquals(tag, r.get(0));
                if (r != b) {
                    live.remove(b);
                    liveList.set(i, r);
                    freed.add(b);
                    freed.remove(r);
                }
                r.put(newSize - 1, tag);
                live.put(r, tag);
                charged += newCharge - oldCharge;
            }
            MallocTypeStats s = type.stats();
            assertEquals(liveList.size(), s.inUse(), "in use after op " + op);
            assertEquals(charged, s.memUse(), "mem use after op " + op);
            assertTrue(s.highUse() <= limit);
        }
        assertTrue(refusals > 0, "the sequence reached the type's limit");
        assertEquals(refusals, type.stats().failures(), "every refusal counted as a failure");
        for (ByteBuffer b : liveList) {
            km.free(b);
        }
        assertEquals(0, type.stats().memUse());
        type.destroy();
        km.close();
    }
}
