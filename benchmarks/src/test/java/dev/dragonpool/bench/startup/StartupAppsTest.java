package dev.dragonpool.bench.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up applications compile, run and print what the runner expects; the shapes are as described. */
class StartupAppsTest {
  @TempDir static Path dir;
  static StartupApps apps = new StartupApps(30, 3);

  @BeforeAll
  static void generate() throws Exception {
    apps.generate(dir);
  }

  static String run(Path jar) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void every_shape_runs_and_prints_the_expected_line() throws Exception {
    for (String shape : StartupApps.SHAPES) {
      assertEquals(apps.expectedOutput(shape), run(dir.resolve(shape + ".jar")), shape);
    }
    assertEquals("classes classes 30 pooled 3 sum 435", apps.expectedOutput("classes"));
  }

  @Test
  void shapes_have_the_described_classes_and_pooled_count() throws Exception {
    try (JarFile j = new JarFile(dir.resolve("classes.jar").toFile())) {
      assertTrue(j.getEntry("app/C0029.class") != null);
      assertEquals("annotations.jar", j.getManifest().getMainAttributes().getValue("Class-Path"));
    }
    int pooled = 0;
    for (int i = 0; i < 30; i++) {
      String src = Files.readString(dir.resolve("work/classes/src/app/C" + StartupApps.num(i) + ".java"));
      pooled += src.contains("@dev.dragonpool.annotations.Pooled") ? 1 : 0;
      assertTrue(src.contains("new C" + StartupApps.num(i) + "(s)"), "allocates itself");
    }
    assertEquals(3, pooled);
    String main = Files.readString(dir.resolve("work/bigmain/src/app/Main.java"));
    assertTrue(main.contains("D0029 o0029 = new D0029(s);"), "one local per allocation in one main");
  }

  @Test
  void bad_sizes_are_rejected_with_the_range() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StartupApps(10, 11));
    assertEquals("pooled must be 0 to classes (10), got 11", e.getMessage());
  }

  @Test
  void median_of_even_and_odd_counts() {
    assertEquals(2, StartupBench.median(new long[] {1, 2, 3}));
    assertEquals(2, StartupBench.median(new long[] {1, 2, 3, 3}));
  }
}
