package dev.dragonpool.runtime.kmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizeClassesTest {
    private final SizeClasses sc = new SizeClasses(4096, 64 << 10, 8 << 10, 64 << 10);

    @Test
    void small_classes_follow_dragonfly_table() {
        assertEquals(8, sc.chunkSize[sc.index(1)]);
        assertEquals(8, sc.chunkSize[sc.index(8)]);
        assertEquals(16, sc.chunkSize[sc.index(9)]);
        assertEquals(120, sc.chunkSize[sc.index(113)]);
        assertEquals(128, sc.chunkSize[sc.index(127)]);
        assertEquals(128, sc.chunkSize[sc.index(128)]);
        assertEquals(144, sc.chunkSize[sc.index(129)]);
        assertEquals(256, sc.chunkSize[sc.index(241)]);
        assertEquals(288, sc.chunkSize[sc.index(257)]);
        assertEquals(576, sc.chunkSize[sc.index(513)]);
        assertEquals(1152, sc.chunkSize[sc.index(1025)]);
        assertEquals(4608, sc.chunkSize[sc.index(4097)]);
        assertEquals(7680, sc.chunkSize[sc.index(7680)]);
        assertEquals(8192, sc.chunkSize[sc.index(7681)], "above the largest small class: whole pages");
        assertEquals(sc.smallCount, sc.index(7681));
        assertEquals(63, sc.smallCount, "16 linear classes + 8 per power of two from 128 to 8 KiB, less 8 KiB");
    }

    @Test
    void every_class_boundary_maps_to_its_class_and_the_next_byte_to_the_next_class() {
        int prev = 0;
        for (int c = 0; c < sc.count; c++) {
            int size = sc.chunkSize[c];
            assertTrue(size > prev, "class sizes increase at " + c);
            if (c < sc.smallCount) {
                assertEquals(c, sc.index(size), "largest size of class " + c);
                assertEquals(c, sc.index(prev + 1), "smallest size of class " + c);
                assertEquals(c, SizeClasses.smallIndex(SizeClasses.smallSize(c)));
                int step = size <= 128 ? 8 : Integer.highestOneBit(size - 1) / 8;
                assertEquals(step, size - prev, "step of class " + c);
            } else {
                assertEquals(0, size % 4096, "page class " + c + " is whole pages");
                assertEquals(1, sc.chunksPerSlab[c]);
            }
            prev = size;
        }
        assertEquals(sc.smallCount, sc.index(8192), "the chunking limit starts the page classes");
        assertEquals(8192, sc.chunkSize[sc.index(8192)]);
        assertEquals(12288, sc.chunkSize[sc.index(8193)]);
        assertEquals(65536, sc.chunkSize[sc.index(65536)]);
        assertEquals(-1, sc.index(65537), "above the cached runs a request is big");
        assertEquals(69632, sc.chargedSize(65537));
    }

    @Test
    void eight_classes_per_power_of_two_above_128() {
        for (int p = 128; p < 4096; p <<= 1) {
            assertEquals(8, sc.index(2 * p) - sc.index(p), "classes in (" + p + ", " + 2 * p + "]");
        }
    }
}
