package dev.dragonpool.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds the runtime jar nested in the agent jar ({@value #ENTRY}) and extracts it to the
 * temporary folder under a name that carries its size and CRC, so later JVMs reuse the file and
 * two versions never collide; the copy is written to a private temporary file and moved into
 * place atomically, so concurrent start-ups are safe.
 */
final class BootJar {
    static final String ENTRY = "META-INF/dragonpool/dragonpool-runtime.jar";

    private BootJar() {
    }

    /** @return the agent jar, or {@code null} when running from a class folder (tests) */
    static Path agentJar() throws URISyntaxException {
        CodeSource cs = DragonpoolAgent.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return null;
        }
        Path p = Paths.get(cs.getLocation().toURI());
        return Files.isRegularFile(p) ? p : null;
    }

    /**
     * Returns the extracted runtime jar.
     *
     * @return the jar, or {@code null} when the agent does not run from a jar (the runtime is then
     *         on the class path already)
     * @throws IOException if the nested jar is missing or cannot be extracted
     * @throws URISyntaxException if the agent's location is not a file
     */
    static JarFile runtimeJar() throws IOException, URISyntaxException {
        Path p = extract();
        return p == null ? null : new JarFile(p.toFile());
    }

    /** @return the path of the extracted runtime jar, {@code null} outside a jar */
    static Path extract() throws IOException, URISyntaxException {
        Path agent = agentJar();
        if (agent == null) {
            return null;
        }
        try (JarFile jar = new JarFile(agent.toFile(), false)) {
            JarEntry e = jar.getJarEntry(ENTRY);
            if (e == null) {
                throw new IOException(agent + " has no " + ENTRY);
            }
            Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
            Path target = dir.resolve("dragonpool-runtime-" + Long.toHexString(e.getCrc()) + "-" + e.getSize() + ".jar");
            if (Files.isRegularFile(target) && Files.size(target) == e.getSize()) {
                return target;
            }
            Path tmp = Files.createTempFile(dir, "dragonpool-runtime", ".part");
            try (InputStream in = jar.getInputStream(e)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException race) {
                Files.deleteIfExists(tmp);
                if (!Files.isRegularFile(target)) {
                    throw race;
                }
            }
            return target;
        }
    }
}
