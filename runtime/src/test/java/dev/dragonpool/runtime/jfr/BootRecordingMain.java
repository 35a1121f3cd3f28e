package dev.dragonpool.runtime.jfr;

import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * Run in a forked JVM with the runtime on {@code -Xbootclasspath/a}, as the agent deploys it:
 * records two Dragonpool events and prints which loader defined the runtime and the events read back.
 */
public final class BootRecordingMain {

    private BootRecordingMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("loader=" + DragonpoolEvents.class.getClassLoader());
        Path file = Files.createTempFile("dragonpool-boot", ".jfr");
        try (Recording r = new Recording()) {
            r.enable(DragonpoolEvents.POOL_EXHAUSTED);
            r.enable(DragonpoolEvents.CLASS_REFUSED);
            r.start();
            DragonpoolEvents.exhausted("zone", "boot-zone", 4, "fail");
            DragonpoolEvents.classRefused("com.acme.Money", "record");
            r.stop();
            r.dump(file);
        }
        RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.dragonpool."))
                .forEach(e -> System.out.println("event " + e.getEventType().getName()));
        Files.delete(file);
    }
}
