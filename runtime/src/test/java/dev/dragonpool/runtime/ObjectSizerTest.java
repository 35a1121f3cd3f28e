package dev.dragonpool.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ObjectSizerTest {
    static class Fields {
        long a;
        int b;
        byte c;
        Object d;
    }

    @Test
    void the_estimate_counts_header_and_fields_rounded_to_eight() {
        // 12 header + 8 + 4 + 1 + 4 = 29 -> 32
        assertEquals(32, ObjectSizer.estimate(Fields.class));
        assertEquals(16, ObjectSizer.estimate(Object.class));
        assertEquals(16 + 8 * 10, ObjectSizer.sizeOf(new long[10]));
        assertEquals(24, ObjectSizer.sizeOf(new byte[3]));
    }

    @Test
    void an_installed_sizer_wins_and_can_be_removed() {
        try {
            ObjectSizer.install(o -> 1000);
            assertEquals(1000, ObjectSizer.sizeOf(new Fields()));
        } finally {
            ObjectSizer.install(null);
        }
        assertEquals(32, ObjectSizer.sizeOf(new Fields()));
    }

    @Test
    void bad_inputs_throw() {
        assertEquals("obj", assertThrows(NullPointerException.class, () -> ObjectSizer.sizeOf(null)).getMessage());
        assertEquals("cannot estimate an array class without a length: [J",
                assertThrows(IllegalArgumentException.class, () -> ObjectSizer.estimate(long[].class)).getMessage());
    }
}
