package dev.dragonpool.runtime;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The written fields of a stripe sit at least a cache line away from both ends of the object. */
class LocalLayoutTest {
    private static final String[] HOT = {"home", "owner", "lock", "loaded", "previous", "hits", "misses", "backoff"};

    @Test
    void local_fields_are_padded_on_both_sides() {
        ClassLayout layout = ClassLayout.parseClass(ObjCache.Local.class);
        long size = layout.instanceSize();
        for (String name : HOT) {
            FieldLayout f = layout.fields().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no field " + name));
            assertTrue(f.offset() >= 64, name + " at " + f.offset() + "\n" + layout.toPrintable());
            assertTrue(size - (f.offset() + f.size()) >= 64, name + " too close to the end\n" + layout.toPrintable());
        }
    }
}
