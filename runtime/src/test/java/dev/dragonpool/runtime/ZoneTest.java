package dev.dragonpool.runtime;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZoneTest {
    /** Records made at class initialisation, as the agent's boot zones are. */
    static final Zone<Plain> BOOT = Zone.boot("boot", new Plain(), new Plain(), new Plain());

    @Test
    void alloc_hands_out_each_record_once_then_throws() {
        Zone<Plain> z = Zone.create("three", 3, Plain::new);
        Set<Plain> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            assertTrue(seen.add(z.alloc()));
        }
        PoolExhaustedException e = assertThrows(PoolExhaustedException.class, z::alloc);
        assertEquals("zone 'three' exhausted: all 3 records in use (zones never grow); free the records no longer"
                + " used, or create the zone with a larger capacity", e.getMessage());
        ZoneStats s = z.stats();
        assertEquals(3, s.used());
        assertEquals(0, s.free());
        assertEquals(4, s.requests());
        assertEquals(1, s.failed());
        assertEquals(3, s.highWater());
        assertTrue(s.size() >= 16);
        z.destroy();
    }

    @Test
    void free_makes_a_record_available_again() {
        Plain r = BOOT.alloc();
        BOOT.free(r);
        assertSame(r, BOOT.alloc());
        BOOT.free(r);
        assertTrue(BOOT.isValid());
        assertTrue(Pools.zones().contains(BOOT));
    }

    @Test
    void free_of_null_foreign_or_free_records_throws() {
        Zone<Plain> z = Zone.create("strict", 2, Plain::new);
        assertEquals("zone 'strict': free of null; free the record alloc() returned",
                assertThrows(NullPointerException.class, () -> z.free(null)).getMessage());
        assertEquals("zone 'strict': dev.dragonpool.runtime.Plain is not a record of this zone;"
                + " free it into the zone that allocated it",
                assertThrows(IllegalArgumentException.class, () -> z.free(new Plain())).getMessage());
        Plain r = z.alloc();
        z.free(r);
        assertEquals("zone 'strict': double free of record 0 (dev.dragonpool.runtime.Plain);"
                + " free each record once per alloc()",
                assertThrows(IllegalStateException.class, () -> z.free(r)).getMessage());
        z.destroy();
        assertFalse(Pools.zones().contains(z));
    }

    @Test
    void bad_capacities_and_records_throw() {
        assertEquals("zone 'z': capacity must be in [1, 16777216], got 0",
                assertThrows(IllegalArgumentException.class, () -> Zone.create("z", 0, Plain::new)).getMessage());
        assertEquals("zone 'z': capacity must be in [1, 16777216], got -3",
                assertThrows(IllegalArgumentException.class, () -> Zone.create("z", -3, Plain::new)).getMessage());
        assertEquals("zone 'z': capacity must be in [1, 16777216], got 2147483647",
                assertThrows(IllegalArgumentException.class, () -> Zone.create("z", Integer.MAX_VALUE, Plain::new))
                        .getMessage());
        assertEquals("zone 'z': capacity must be in [1, 16777216], got 0",
                assertThrows(IllegalArgumentException.class, () -> Zone.<Plain>boot("z")).getMessage());
        Plain p = new Plain();
        assertEquals("zone 'z': record 1 appears twice (dev.dragonpool.runtime.Plain)",
                assertThrows(IllegalArgumentException.class, () -> Zone.boot("z", p, p)).getMessage());
        assertEquals("zone 'z': record 0 is null",
                assertThrows(IllegalArgumentException.class, () -> Zone.create("z", 1, () -> null)).getMessage());
        assertEquals("zone name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> Zone.create(" ", 1, Plain::new)).getMessage());
    }

    @Test
    void reset_high_water_lowers_the_mark_to_the_records_in_use() {
        Zone<Plain> z = Zone.create("hw", 4, Plain::new);
        Plain a = z.alloc();
        Plain b = z.alloc();
        z.alloc();
        z.free(a);
        z.free(b);
        assertEquals(3, z.stats().highWater());
        z.resetHighWater();
        assertEquals(1, z.stats().highWater());
        z.alloc();
        assertEquals(2, z.stats().highWater());
        z.destroy();
    }
}
