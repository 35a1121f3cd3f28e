package dev.dragonpool.runtime.kmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dragonpool.runtime.Arena;
import dev.dragonpool.runtime.jfr.DragonpoolEvents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
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
        Path file = dir.resolve("km.jfr");
        try (Recording r = new Recording()) {
            r.enable(DragonpoolEvents.POOL_EXHAUSTED);
            r.enable(DragonpoolEvents.RECLAIM);
            r.start();
            ByteBuffer b = km.alloc(type, 4096, 0);
            assertThrows(MallocLimitExceededException.class, () -> km.alloc(type, 64, 0));
            assertNull(km.alloc(type, 64, KMalloc.NULLOK));
            km.free(b);
            km.trim();
            r.stop();
            r.dump(file);
        } finally {
            km.close();
            type.destroy();
        }
        List<RecordedEvent> exhausted = events(file, DragonpoolEvents.POOL_EXHAUSTED);
        assertEquals(List.of("fail", "null"),
                exhausted.stream().map(e -> e.getString("outcome")).collect(Collectors.toList()));
        assertEquals("malloc", exhausted.get(0).getString("kind"));
        assertEquals("kmalloc-events-type", exhausted.get(0).getString("pool"));
        assertEquals(4096, exhausted.get(0).getLong("limit"));
        List<RecordedEvent> trims = events(file, DragonpoolEvents.RECLAIM);
        assertEquals(1, trims.size(), "one trim that gave pages back");
        assertEquals("kmalloc", trims.get(0).getString("kind"));
        assertEquals("trim", trims.get(0).getString("cause"));
    }

    private static List<RecordedEvent> events(Path file, String name) throws IOException {
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(name))
                .collect(Collectors.toList());
    }
}
