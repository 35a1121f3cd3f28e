package dev.dragonpool.runtime.kmalloc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/** Fields that other threads write sit at least a cache line away from the owner's fields. */
class KMallocLayoutTest {

    private static FieldLayout field(ClassLayout layout, String name) {
        return layout.fields().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name + "\n" + layout.toPrintable()));
    }

    private static void assertApart(ClassLayout layout, String[] remote, String[] owner) {
        for (String r : remote) {
            FieldLayout rf = field(layout, r);
            for (String o : owner) {
                FieldLayout of = field(layout, o);
                long gap = rf.offset() > of.offset()
                        ? rf.offset() - (of.offset() + of.size())
                        : of.offset() - (rf.offset() + rf.size());
                assertTrue(gap >= 64, r + " and " + o + " are " + gap + " bytes apart\n" + layout.toPrintable());
            }
        }
    }

    @Test
    void slab_remote_list_is_a_cache_line_away_from_the_owner_fields() {
        assertApart(ClassLayout.parseClass(Slab.class), new String[] {"remoteHead", "nextPending"},
                new String[] {"freeHead", "nfree", "carved", "prev", "next", "listed", "released"});
    }

    @Test
    void heap_pending_stack_is_padded_on_both_sides() {
        ClassLayout layout = ClassLayout.parseClass(Heap.class);
        assertApart(layout, new String[] {"pending", "reapRequested"},
                new String[] {"cachedBytes", "lastReap", "bigRequests", "bigFrees", "cells", "head", "empty"});
        FieldLayout p = field(layout, "pending");
        assertTrue(p.offset() >= 64, "pending at " + p.offset() + "\n" + layout.toPrintable());
    }
}
