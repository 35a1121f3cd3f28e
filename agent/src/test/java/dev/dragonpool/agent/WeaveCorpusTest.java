package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.agent.weave.WeaveOptions;
import dev.dragonpool.agent.weave.WeaveReport;
import dev.dragonpool.agent.weave.Weaver;
import dev.dragonpool.agent.weave.Woven;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus check for build-time weaving: third-party jars woven jar to jar by the weaving driver
 * with the same {@code pool=} share as {@link CorpusTest} (every third concrete class), the driver
 * verifying every changed class with the JVM before it writes (a rejected class fails the run).
 * Netty buffer by default; with {@code -Ddragonpool.corpus=full} (the {@code corpus} profile) also
 * Guava, Jackson databind and Netty common. The counts go to {@code weave-corpus-report.txt} in the
 * build folder.
 */
class WeaveCorpusTest {
    @TempDir
    Path tmp;

    WeaveReport weave(String label, Path jar, List<Path> classpath, PrintWriter report) throws Exception {
        String pool = CorpusTest.poolList(CorpusTest.read(jar));
        WeaveOptions o = WeaveOptions.parse(List.of("pool=" + pool)).classpath(classpath);
        Path out = tmp.resolve(label + "-woven.jar");
        WeaveReport r = new Weaver(o).weave(jar, out);
        int marked = 0;
        try (JarFile j = new JarFile(out.toFile())) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements();) {
                JarEntry je = e.nextElement();
                if (je.getName().endsWith(".class")) {
                    try (InputStream in = j.getInputStream(je)) {
                        marked += Woven.isWoven(in.readAllBytes()) ? 1 : 0;
                    }
                }
            }
        }
        assertEquals(r.changed(), marked, label + ": every changed class carries the mark");
        String line = String.format("%-18s classes %5d  enhanced %4d  refused %4d  changed %5d  sites rewritten %5d"
                + "  left plain %3d  verified %5d  unverifiable %3d  %6d ms", label, r.classes(), r.enhanced().size(),
                r.refused().size(), r.changed(), r.sitesRewritten(), r.sitesLeftPlain(), r.verified(),
                r.changed() - r.verified(), r.millis());
        System.out.println(line);
        report.println(line);
        return r;
    }

    @Test
    void third_party_jars_weave_and_verify_with_zero_failures() throws Exception {
        boolean full = "full".equals(System.getProperty("dragonpool.corpus"));
        Path dir = Paths.get(System.getProperty("dragonpool.build.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(dir);
        Path nettyCommon = CorpusTest.jarOf("io.netty.util.Recycler");
        List<WeaveReport> all = new ArrayList<>();
        try (PrintWriter report = new PrintWriter(Files.newBufferedWriter(dir.resolve("weave-corpus-report.txt")))) {
            report.println("weave corpus check, mode " + (full ? "full" : "sample") + ", JDK " + System.getProperty("java.version"));
            all.add(weave("netty-buffer", CorpusTest.jarOf("io.netty.buffer.ByteBuf"), List.of(nettyCommon), report));
            if (full) {
                all.add(weave("netty-common", nettyCommon, List.of(), report));
                all.add(weave("guava", CorpusTest.jarOf("com.google.common.collect.ImmutableList"),
                        List.of(CorpusTest.jarOf("com.google.common.util.concurrent.internal.InternalFutureFailureAccess")), report));
                all.add(weave("jackson-databind", CorpusTest.jarOf("com.fasterxml.jackson.databind.ObjectMapper"),
                        List.of(CorpusTest.jarOf("com.fasterxml.jackson.core.JsonParser"),
                                CorpusTest.jarOf("com.fasterxml.jackson.annotation.JsonProperty")), report));
            }
        }
        for (WeaveReport r : all) {
            assertTrue(r.verified() > 0 && r.enhanced().size() > 0, r.summary());
            assertTrue(r.verified() * 10 >= r.changed() * 9, "nearly every changed class links: " + r.lines());
        }
    }
}
