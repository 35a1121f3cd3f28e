package dev.dragonpool.runtime.kmalloc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Out of direct memory while the arena's budget is not spent: {@code alloc} throws
 * {@link MallocLimitExceededException} saying so and how to fix it (or returns {@code null} with
 * {@code NULLOK}), charges nothing, and works again once buffers are freed. Runs
 * {@link DirectMemoryProbe} in a forked JVM limited to 16 MiB of direct memory.
 */
class KMallocDirectMemoryTest {

    @Test
    void out_of_direct_memory_throws_a_clear_exception_charges_nothing_and_recovers() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-XX:MaxDirectMemorySize=16m", "-ea",
                "-Djava.util.logging.config.file=none", "-cp", System.getProperty("java.class.path"),
                DirectMemoryProbe.class.getName())).redirectErrorStream(true).start();
        String out = read(p);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("OK "), out);
        assertTrue(out.contains("the JVM is out of direct memory; raise -XX:MaxDirectMemorySize"), out);
        assertTrue(out.contains("or pass NULLOK to get null instead"), out);
    }

    private static String read(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
