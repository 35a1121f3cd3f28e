package dev.dragonpool.runtime;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Race: release on another thread through the real {@link ObjCache} code. With one-round
 * magazines, the putter's third {@code put} sends the magazine holding its first object to the
 * depot ({@code release}); at the same time the getter, whose own magazines are empty, exchanges
 * with the depot or, finding it empty, constructs ({@code acquire}, slab refill).
 *
 * <p>Forbidden: the getter receives one of the putter's objects without seeing the field the
 * putter wrote before putting it ({@code r2 != 42} with {@code r1 > 0}); or the arbiter finds
 * conservation broken ({@code r3 != 1}: {@code created - destroyed} must equal the cached
 * objects plus the one handed out, and the depot must be valid).
 */
@JCStressTest
@Outcome(id = {"0, 0, 1"}, expect = ACCEPTABLE, desc = "getter ran first: constructed a new object")
@Outcome(id = "1, 42, 1", expect = ACCEPTABLE,
        desc = "getter took the first put object (in the magazine sent to the depot) and sees its field")
@Outcome(expect = FORBIDDEN, desc = "a stale field, or objects lost or counted twice")
@State
public class ObjCacheCrossThreadTest {
    static final class Item implements Recyclable {
        final int id;
        int field;
        private Object slot;

        Item(int id) {
            this.id = id;
        }

        @Override
        public Object dragonpool$slot() {
            return slot;
        }

        @Override
        public void dragonpool$slot(Object s) {
            slot = s;
        }
    }

    private final ObjCache<Item> cache = ObjCache.<Item>builder("jcstress-xthread", () -> new Item(0))
            .capacity(1).objectSize(16).arena(Arena.detached("jcstress-xthread", 1 << 20)).buildDetached();
    private final Item a = new Item(1);
    private final Item b = new Item(2);
    private final Item c = new Item(3);

    @Actor
    public void putter() {
        a.field = 42;
        b.field = 42;
        c.field = 42;
        cache.put(a);
        cache.put(b);
        cache.put(c);
    }

    @Actor
    public void getter(III_Result r) {
        Item it = cache.get();
        r.r1 = it.id;
        r.r2 = it.id == 0 ? 0 : it.field;
    }

    @Arbiter
    public void conservation(III_Result r) {
        ObjCacheStats s = cache.stats();
        r.r3 = cache.isValid() && s.created() - s.destroyed() == s.cached() + 1 ? 1 : 0;
    }
}
