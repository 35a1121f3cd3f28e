package dev.dragonpool.runtime.kmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.jfr.DragonpoolEvents;
import dev.dragonpool.runtime.jfr.JfrRecordings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allocator's slow paths write JFR events: a type over its limit, and a trim that gives memory back. */
class KMallocEventsTest {

    @TempDir
    Path dir;

    @Test
    void type_limit_failure_and_trim_are_recorded() throws IOException {
        Arena arena = Arena.create("kmalloc-events-arena", 8L << 20);
        KMalloc km = KMalloc.builder(arena).build();
        MallocType type = MallocType.define("kmalloc-events-type", 4096);
        List<RecordedEvent> recorded;
        try {
            recorded = JfrRecordings.record(dir.resolve("km.jfr"),
                    List.of(DragonpoolEvents.POOL_EXHAUSTED, DragonpoolEvents.RECLAIM), () -> {
                        ByteBuffer b = km.alloc(type, 4096, 0);
                        assertThrows(MallocLimitExceededException.class, () -> km.alloc(type, 64, 0));
                        assertNull(km.alloc(type, 64, KMalloc.NULLOK));
                        km.free(b);
                        km.trim();
                    });
        } finally {
            km.close();
            type.destroy();
        }
        List<RecordedEvent> exhausted = events(recorded, DragonpoolEvents.POOL_EXHAUSTED);
        assertEquals(List.of("fail", "null"),
                exhausted.stream().map(e -> e.getString("outcome")).collect(Collectors.toList()));
        assertEquals("malloc", exhausted.get(0).getString("kind"));
        assertEquals("kmalloc-events-type", exhausted.get(0).getString("pool"));
        assertEquals(4096, exhausted.get(0).getLong("limit"));
        List<RecordedEvent> trims = events(recorded, DragonpoolEvents.RECLAIM);
        assertEquals(1, trims.size(), "one trim that gave pages back");
        assertEquals("kmalloc", trims.get(0).getString("kind"));
        assertEquals("trim", trims.get(0).getString("cause"));
    }

    private static List<RecordedEvent> events(List<RecordedEvent> recorded, String name) {
        return recorded.stream()
                .filter(e -> e.getEventType().getName().equals(name))
                .collect(Collectors.toList());
    }
}
