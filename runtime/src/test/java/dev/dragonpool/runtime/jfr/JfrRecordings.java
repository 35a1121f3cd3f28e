package dev.dragonpool.runtime.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Test utility shared by the JFR tests: runs a body during an in-process {@link Recording} that
 * enables the named events, dumps it to a file and reads back the Dragonpool events it holds.
 */
public final class JfrRecordings {

    /** The recorded code; may throw what the test itself throws. */
    public interface Body<X extends Exception> {
        void run() throws X;
    }

    private JfrRecordings() {
    }

    /**
     * Records {@code body} with {@code enabled} events on, dumps the recording to {@code file} and
     * returns the events under {@code dev.dragonpool.}, in the order the file holds them.
     */
    public static <X extends Exception> List<RecordedEvent> record(Path file, Collection<String> enabled, Body<X> body)
            throws IOException, X {
        try (Recording r = new Recording()) {
            for (String name : enabled) {
                r.enable(name);
            }
            r.start();
            body.run();
            r.stop();
            r.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.dragonpool."))
                .collect(Collectors.toList());
    }
}
