package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.agent.weave.WeaveOptions;
import dev.dragonpool.agent.weave.WeaveReport;
import dev.dragonpool.agent.weave.Weaver;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CollectionsBehaviourIT} for build-time weaving: commons-collections4 4.4 and its published
 * tests woven jar to jar with {@code pool=org.apache.commons.collections4.**} (every class of the
 * library and of its tests asked to be pooled), then the tests run in a plain JVM, no agent, with
 * {@code dragonpool-runtime} on the class path, and compared with the tests of the jars as
 * published: same number run, same failures. A sample of the test classes by default, all with the
 * {@code corpus} profile.
 */
class WovenCollectionsBehaviourIT {

    @Test
    void commons_collections_tests_pass_the_same_woven() throws Exception {
        boolean full = "full".equals(System.getProperty("dragonpool.corpus"));
        Path dir = Paths.get(System.getProperty("dragonpool.build.dir", "target")).toAbsolutePath();
        Path lib = Paths.get(CollectionsBehaviourIT.where("org.apache.commons.collections4.CollectionUtils"));
        Path tests = Paths.get(CollectionsBehaviourIT.where("org.apache.commons.collections4.BulkTest"));
        String deps = String.join(File.pathSeparator, CollectionsBehaviourIT.where("org.junit.runner.JUnitCore"),
                CollectionsBehaviourIT.where("org.hamcrest.Matcher"), CollectionsBehaviourIT.where("org.easymock.EasyMock"),
                CollectionsBehaviourIT.where("org.objenesis.Objenesis"), CollectionsBehaviourIT.where("org.apache.commons.lang3.StringUtils"));
        String pool = "pool=org.apache.commons.collections4.**";
        Path wovenLib = dir.resolve("collections-woven/commons-collections4.jar");
        Path wovenTests = dir.resolve("collections-woven/commons-collections4-tests.jar");
        long w0 = System.nanoTime();
        WeaveReport rl = new Weaver(WeaveOptions.parse(List.of(pool))).weave(lib, wovenLib);
        WeaveReport rt = new Weaver(WeaveOptions.parse(List.of(pool, "classpath=" + wovenLib + File.pathSeparator + deps)))
                .weave(tests, wovenTests);
        long w1 = System.nanoTime();

        List<String> classes = CollectionsBehaviourIT.testClasses(tests.toString(), full);
        CollectionsBehaviourIT.work = CollectionsBehaviourIT.workDir(tests.toString(), dir);
        String plain = CollectionsBehaviourIT.run(List.of(), String.join(File.pathSeparator, lib.toString(), tests.toString(), deps),
                classes, dir.resolve("collections-plain-w.args"));
        long t1 = System.nanoTime();
        String runtime = CollectionsBehaviourIT.where("dev.dragonpool.runtime.internal.PooledClasses");
        String woven = CollectionsBehaviourIT.run(List.of(), String.join(File.pathSeparator, wovenLib.toString(),
                wovenTests.toString(), deps, runtime), classes, dir.resolve("collections-woven.args"));
        long t2 = System.nanoTime();
        Files.writeString(dir.resolve("collections-woven.txt"), woven);
        int[] a = CollectionsBehaviourIT.counts(plain);
        int[] b = CollectionsBehaviourIT.counts(woven);
        String summary = String.format("commons-collections4 4.4 tests woven (%s): library %d classes, %d enhanced, %d sites;"
                + " tests %d classes, %d enhanced, %d sites; weaving %d ms; %d test classes; plain: %d run, %d failed;"
                + " woven: %d run, %d failed (%d ms)", full ? "full" : "sample 1/" + CollectionsBehaviourIT.SAMPLE, rl.classes(),
                rl.enhanced().size(), rl.sitesRewritten(), rt.classes(), rt.enhanced().size(), rt.sitesRewritten(),
                (w1 - w0) / 1_000_000, classes.size(), a[0], a[1], b[0], b[1], (t2 - t1) / 1_000_000);
        System.out.println(summary);
        Files.writeString(dir.resolve("collections-woven-report.txt"), summary + "\n");
        assertTrue(rl.enhanced().size() > 100 && rl.sitesRewritten() > 100, summary);
        assertTrue(a[0] > 100, summary);
        assertEquals(a[0], b[0], summary);
        assertEquals(CollectionsBehaviourIT.failures(plain), CollectionsBehaviourIT.failures(woven), summary);
    }
}
