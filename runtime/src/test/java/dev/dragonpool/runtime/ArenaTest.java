package dev.dragonpool.runtime;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArenaTest {
    private static final int P = Arena.PAGE_SIZE;

    @Test
    void charges_round_up_to_pages() {
        Arena a = Arena.create("pages", 10 * P);
        assertTrue(a.tryCharge(1));
        assertEquals(P, a.charged());
        assertTrue(a.tryCharge(P + 1));
        assertEquals(3 * P, a.charged());
        a.uncharge(P + 1);
        a.uncharge(1);
        assertEquals(0, a.charged());
        assertTrue(a.tryCharge(0));
        assertEquals(3 * P, a.stats().highWater());
    }

    @Test
    void a_charge_beyond_the_budget_is_refused() {
        Arena a = Arena.create("full", 2 * P);
        assertTrue(a.tryCharge(2 * P));
        assertFalse(a.tryCharge(1));
        ArenaStats s = a.stats();
        assertEquals(1, s.failures());
        assertEquals(1, s.charges());
        assertEquals(2 * P, s.charged());
    }

    @Test
    void reclaimers_are_asked_before_a_charge_is_refused() {
        Arena a = Arena.create("reclaim", 4 * P);
        AtomicLong held = new AtomicLong(4 * P);
        assertTrue(a.tryCharge(held.get()));
        Arena.Reclaimer r = wanted -> {
            long give = Math.min(held.get(), wanted);
            held.addAndGet(-give);
            a.uncharge(give);
            return give;
        };
        a.addReclaimer(r);
        a.addReclaimer(r);
        assertEquals(1, a.stats().reclaimers());
        assertTrue(a.tryCharge(P));
        assertEquals(3 * P, held.get());
        assertEquals(1, a.stats().reclaims());
        assertEquals(P, a.stats().reclaimedBytes());
        a.removeReclaimer(r);
        assertFalse(a.tryCharge(P));
    }

    @Test
    void lowering_the_budget_asks_for_memory_back() {
        Arena a = Arena.create("shrink", 8 * P);
        AtomicLong asked = new AtomicLong();
        Arena.Reclaimer r = w -> {
            asked.set(w);
            return 0;
        };
        a.addReclaimer(r); // held weakly by the arena: this test keeps it
        assertTrue(a.tryCharge(6 * P));
        a.setBudget(4 * P);
        assertEquals(2 * P, asked.get());
        java.lang.ref.Reference.reachabilityFence(r);
        assertEquals(4 * P, a.budget());
        a.setBudget(5);
        assertEquals(P, a.budget(), "rounded up to a page");
    }

    @Test
    void bad_budgets_and_amounts_throw_with_the_value_named() {
        assertEquals("arena 'x': budget must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> Arena.create("x", -1)).getMessage());
        assertEquals("arena 'x': budget 9223372036854775807 is absurd (more than 2^48 bytes)",
                assertThrows(IllegalArgumentException.class, () -> Arena.create("x", Long.MAX_VALUE)).getMessage());
        assertEquals("arena name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> Arena.create("", 1)).getMessage());
        Arena a = Arena.create("y", P);
        assertEquals("arena 'y': charge amount must be in [0, 2^48], got -5",
                assertThrows(IllegalArgumentException.class, () -> a.tryCharge(-5)).getMessage());
        assertEquals("arena 'y': uncharge of 1 bytes but only 0 are charged",
                assertThrows(IllegalArgumentException.class, () -> a.uncharge(1)).getMessage());
        assertEquals("arena 'y': budget must be >= 0, got -2",
                assertThrows(IllegalArgumentException.class, () -> a.setBudget(-2)).getMessage());
    }

    @Test
    void the_global_arena_has_the_documented_default_budget() {
        Arena g = Arena.global();
        assertSame(g, Arena.global());
        long expected = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4) & -P;
        assertEquals(expected, g.budget());
        assertTrue(Pools.arenas().contains(g));
    }

    @Test
    void reset_high_water_lowers_the_mark_to_the_bytes_charged() {
        Arena a = Arena.create("hw", 10 * P);
        assertTrue(a.tryCharge(3 * P));
        a.uncharge(2 * P);
        assertEquals(3 * P, a.stats().highWater());
        a.resetHighWater();
        assertEquals(P, a.stats().highWater());
        a.uncharge(P);
    }
}
