package dev.dragonpool.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** {@link ObjCache.Builder#plainObjects()}: the hot paths skip the Recyclable check; counts stay exact. */
class ObjCachePlainObjectsTest {
    static final class Slotted implements Recyclable {
        Object slot;

        @Override
        public Object dragonpool$slot() {
            return slot;
        }

        @Override
        public void dragonpool$slot(Object s) {
            slot = s;
        }
    }

    @Test
    void plain_objects_recycle_and_keep_conservation() {
        ObjCache<Object> c = ObjCache.builder("plain-objects", Object::new).plainObjects().capacity(64).build();
        try {
            Object a = c.get();
            c.put(a);
            assertSame(a, c.get(), "the last object put is the next one taken");
            c.put(a);
            ObjCacheStats s = c.stats();
            assertEquals(s.created(), s.inUse() + s.cached() + s.destroyed(), s.toString());
            assertEquals(0, s.inUse(), s.toString());
        } finally {
            c.destroy();
        }
    }

    @Test
    void a_recyclable_object_in_a_plain_objects_cache_is_handled_as_plain() {
        ObjCache<Slotted> c = ObjCache.builder("plain-objects-slotted", Slotted::new).plainObjects().capacity(64).build();
        try {
            Slotted a = c.get();
            assertNull(a.slot, "the slot is not used in a plain-objects cache");
            c.put(a);
            assertNull(a.slot);
            ObjCacheStats s = c.stats();
            assertEquals(s.created(), s.inUse() + s.cached() + s.destroyed(), s.toString());
        } finally {
            c.destroy();
        }
    }
}
