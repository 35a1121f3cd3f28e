package dev.dragonpool.runtime.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DragonpoolEventsTest {

    @TempDir
    Path dir;

    private static final List<String> ALL = List.of(DragonpoolEvents.POOL_EXHAUSTED, DragonpoolEvents.RECLAIM,
            DragonpoolEvents.ARENA_BUDGET_REACHED, DragonpoolEvents.CLASS_REFUSED, DragonpoolEvents.LEAK,
            DragonpoolEvents.GUARD_VIOLATION);

    private static void emitOneOfEach() {
        DragonpoolEvents.exhausted("objcache", "com.acme.Order", 64, "fail");
        DragonpoolEvents.reclaimed("objcache", "com.acme.Order", "budget", 12, 4096, System.nanoTime() - 1_000);
        DragonpoolEvents.budgetReached("global", 1 << 20, 1 << 20, 8192, 4096);
        DragonpoolEvents.classRefused("com.acme.Money", "record");
        DragonpoolEvents.leak("com.acme.Order", "com.acme.Shop.checkout(Shop.java:42)");
        DragonpoolEvents.guardViolation("com.acme.Order", "use-after-release", null);
    }

    private List<RecordedEvent> record(JfrRecordings.Body<RuntimeException> body) throws IOException {
        return JfrRecordings.record(dir.resolve("dp.jfr"), ALL, body);
    }

    @Test
    void every_helper_writes_its_event_with_its_fields_during_a_recording() throws IOException {
        assertTrue(DragonpoolEvents.available(), "this JDK has jdk.jfr");
        List<RecordedEvent> events = record(DragonpoolEventsTest::emitOneOfEach);
        Map<String, RecordedEvent> byName = events.stream()
                .collect(Collectors.toMap(e -> e.getEventType().getName(), Function.identity()));
        assertEquals(ALL.size(), events.size(), () -> "events: " + byName.keySet());
        assertEquals(ALL.stream().sorted().collect(Collectors.toList()),
                byName.keySet().stream().sorted().collect(Collectors.toList()));

        RecordedEvent ex = byName.get(DragonpoolEvents.POOL_EXHAUSTED);
        assertEquals("objcache", ex.getString("kind"));
        assertEquals("com.acme.Order", ex.getString("pool"));
        assertEquals(64, ex.getLong("limit"));
        assertEquals("fail", ex.getString("outcome"));

        RecordedEvent rc = byName.get(DragonpoolEvents.RECLAIM);
        assertEquals("budget", rc.getString("cause"));
        assertEquals(12, rc.getLong("objects"));
        assertEquals(4096, rc.getLong("bytes"));
        assertTrue(rc.getLong("durationNanos") >= 1_000, "duration from startNanos");

        RecordedEvent ab = byName.get(DragonpoolEvents.ARENA_BUDGET_REACHED);
        assertEquals("global", ab.getString("arena"));
        assertEquals(8192, ab.getLong("requested"));
        assertEquals(4096, ab.getLong("reclaimed"));

        RecordedEvent cr = byName.get(DragonpoolEvents.CLASS_REFUSED);
        assertEquals("com.acme.Money", cr.getString("className"));
        assertEquals("record", cr.getString("reason"));

        RecordedEvent lk = byName.get(DragonpoolEvents.LEAK);
        assertEquals("com.acme.Shop.checkout(Shop.java:42)", lk.getString("allocationSite"));

        RecordedEvent gv = byName.get(DragonpoolEvents.GUARD_VIOLATION);
        assertEquals("use-after-release", gv.getString("violation"));
        assertNull(gv.getString("releasedAt"));
    }

    @Test
    void exhaustion_and_guard_events_carry_the_callers_stack_and_reclaim_does_not() throws IOException {
        List<RecordedEvent> events = record(DragonpoolEventsTest::emitOneOfEach);
        for (RecordedEvent e : events) {
            String name = e.getEventType().getName();
            boolean wantsStack = name.equals(DragonpoolEvents.POOL_EXHAUSTED)
                    || name.equals(DragonpoolEvents.GUARD_VIOLATION)
                    || name.equals(DragonpoolEvents.ARENA_BUDGET_REACHED);
            if (wantsStack) {
                assertNotNull(e.getStackTrace(), name);
                assertTrue(e.getStackTrace().getFrames().stream().map(RecordedFrame::getMethod)
                                .anyMatch(m -> m.getName().equals("emitOneOfEach")),
                        name + " stack names the caller");
            } else {
                assertNull(e.getStackTrace(), name + " has no stack trace");
            }
        }
    }

    @Test
    void events_in_the_dragonpool_category_are_listed_with_labels() throws IOException {
        List<RecordedEvent> events = record(DragonpoolEventsTest::emitOneOfEach);
        for (RecordedEvent e : events) {
            assertEquals("Dragonpool", e.getEventType().getCategoryNames().get(0));
            assertNotNull(e.getEventType().getLabel());
        }
    }

    @Test
    void nothing_is_written_when_the_events_are_disabled() throws IOException {
        Path file = dir.resolve("off.jfr");
        try (Recording r = new Recording()) {
            for (String name : ALL) {
                r.disable(name);
            }
            r.enable("jdk.JVMInformation");
            r.start();
            emitOneOfEach();
            r.stop();
            r.dump(file);
        }
        assertFalse(RecordingFile.readAllEvents(file).stream()
                .anyMatch(e -> e.getEventType().getName().startsWith("dev.dragonpool.")));
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void events_are_recorded_when_the_runtime_is_on_the_boot_class_path_as_the_agent_puts_it() throws Exception {
        Path runtime = Path.of(DragonpoolEvents.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path tests = Path.of(BootRecordingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xbootclasspath/a:" + runtime, "-cp", tests.toString(), BootRecordingMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("loader=null\n"), "runtime defined by the boot loader:\n" + out);
        assertTrue(out.contains("event " + DragonpoolEvents.POOL_EXHAUSTED + "\n"), out);
        assertTrue(out.contains("event " + DragonpoolEvents.CLASS_REFUSED + "\n"), out);
    }

    @Test
    void helpers_accept_nulls_and_never_throw_without_a_recording() {
        emitOneOfEach();
        DragonpoolEvents.exhausted(null, null, 0, null);
        DragonpoolEvents.leak(null, null);
    }
}
