package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Behaviour check on reflection-heavy code that is not ours: Apache commons-lang3's published
 * tests (JUnit Jupiter: {@code FieldUtils}, {@code MethodUtils}, {@code ConstructorUtils},
 * {@code TypeUtils}, the reflection builders {@code EqualsBuilder}, {@code HashCodeBuilder},
 * {@code ToStringBuilder}, {@code DiffBuilder}, {@code SerializationUtils}, and the rest of the
 * library) run in a forked JVM, once plainly and once under the agent with every class of the
 * library and of its tests pooled ({@code pool=org.apache.commons.lang3.**}, except the fixture
 * package {@code reflect.testbed}, see {@link #EXCLUDE}), both with {@code -Xverify:all}.
 *
 * <p><b>What must hold.</b> Nothing releases anything, so by the {@code @Pooled} contract
 * ("behaviour without release is unchanged"; "reflection sees the class as it was, except that
 * instance fields are no longer final") the two runs agree test by test: the same number of tests
 * run, and the same set of test ids that did not pass (failed, aborted or skipped), compared as
 * sets of JUnit unique ids, not as counts. A test that does not pass without the agent either (it
 * does not hold on this JDK) is allowed because it is in both sets.
 *
 * <p><b>Timing-dependent tests.</b> The machine this runs on is small and shared, and a few of
 * the suite's tests measure time ({@code StopWatchTest}). A test whose outcome differs between the
 * two runs is therefore not judged on one pair of runs: the test classes holding such tests run
 * again, plainly and under the agent, and a difference counts when it comes back the same way.
 * Differences that did not come back are listed in the report, never hidden. Nothing else is
 * retried.
 *
 * <p><b>Class path and options</b> are those commons-lang3's own build gives its tests: its pom's
 * test and provided dependencies, copied by the {@code thirdparty-commons-lang3} execution of
 * this module's pom into {@code target/thirdparty/commons-lang3}, with JUnit at this build's
 * version; its pom's {@code argLine} for JDK 9+ ({@code -Xmx512m} and three
 * {@code --add-opens}). The working folder holds the tests jar's resources under
 * {@code src/test/resources/}, where {@code StringEscapeUtilsTest} reads one by path.
 *
 * <p><b>Which test classes.</b> The tests jar's concrete top-level classes named {@code *Test},
 * outside {@code jmh_generated} (JMH's benchmark harness, not tests). The default build runs
 * {@link #SAMPLE}, the classes that exercise reflection most (about 600 tests, seconds). The
 * {@code corpus} profile runs all of them but the three in {@link #TOO_COSTLY}, which loop over
 * every locale the JDK has (about 1,000 on JDK 25) and would take the run past this check's
 * budget of about three minutes on two cores. Measured without the agent on the shared two-core
 * machine: {@code FastDateParser_TimeZoneStrategyTest} over five minutes on JDK 17 (it builds a
 * {@code FastDateParser} over every time-zone name of every locale, twice per locale),
 * {@code FastDateParserTest} 51 s on JDK 17 and 107 s on JDK 25, {@code ExtendedMessageFormatTest}
 * 36 s, the other 217 classes about 70 s together. None of the three reflects on the library's
 * classes. The last two passed the same with and without the agent on JDK 17 and 25 when they
 * were tried; {@code FastDateParser_TimeZoneStrategyTest} is not stable from run to run (its
 * source says it "breaks randomly" and turns parse failures into assumption failures on Java 17).
 *
 * <p>The forked JVM runs {@link Launch}, which writes a line per test that did not pass, a line
 * per test class with its time, and a summary line to a results file; this class keeps the
 * results, the console output and a report in the build folder ({@code lang3-*.txt}).
 */
class ThirdPartyBehaviourIT {
    /** The default build's sample: the test classes of commons-lang3 that exercise reflection most. */
    static final List<String> SAMPLE = List.of(
            "org.apache.commons.lang3.AnnotationUtilsTest",
            "org.apache.commons.lang3.ClassUtilsTest",
            "org.apache.commons.lang3.ObjectUtilsTest",
            "org.apache.commons.lang3.SerializationUtilsTest",
            "org.apache.commons.lang3.builder.CompareToBuilderTest",
            "org.apache.commons.lang3.builder.EqualsBuilderTest",
            "org.apache.commons.lang3.builder.HashCodeBuilderTest",
            "org.apache.commons.lang3.builder.ReflectionDiffBuilderTest",
            "org.apache.commons.lang3.builder.ReflectionToStringBuilderExcludeTest",
            "org.apache.commons.lang3.builder.ToStringBuilderTest",
            "org.apache.commons.lang3.event.EventUtilsTest",
            "org.apache.commons.lang3.function.MethodInvokersFunctionTest",
            "org.apache.commons.lang3.reflect.ConstructorUtilsTest",
            "org.apache.commons.lang3.reflect.FieldUtilsTest",
            "org.apache.commons.lang3.reflect.InheritanceUtilsTest",
            "org.apache.commons.lang3.reflect.MethodUtilsTest",
            "org.apache.commons.lang3.reflect.TypeUtilsTest");
    /** Left out of the full run: each loops over every locale of the JDK and costs too much (see the class comment). */
    static final Set<String> TOO_COSTLY = Set.of("org.apache.commons.lang3.time.FastDateParser_TimeZoneStrategyTest",
            "org.apache.commons.lang3.time.FastDateParserTest", "org.apache.commons.lang3.text.ExtendedMessageFormatTest");
    /** commons-lang3's surefire {@code argLine} on JDK 9 and later (its pom's {@code java9+} profile). */
    static final List<String> ARG_LINE = List.of("-Xmx512m", "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED");
    static final String POOL = "org.apache.commons.lang3.**";
    /**
     * Not pooled, and why: {@code FieldUtilsTest#testGetAllFields(List)} asserts that
     * {@code getDeclaredFields()} of its fixtures {@code reflect.testbed.Parent} and
     * {@code PublicChild} lists exactly the source's fields, synthetic ones included (it tolerates
     * only JaCoCo's {@code $jacocoData}). Enhancement adds two synthetic fields (the class's pool
     * handle, and the one byte of state on the topmost pooled class), the documented difference
     * that tools counting synthetic members see. Only that fixture package is left out.
     */
    static final String EXCLUDE = "org.apache.commons.lang3.reflect.testbed.**";
    static final String AGENT = "-javaagent:" + AgentJarIT.JAR + "=pool=" + POOL + ",exclude=" + EXCLUDE
            + ",log=warn,summary=true";
    static final String NOT_PASSED = "not-passed ";
    static final String CLASS_TIME = "class-ms ";
    static final String SUMMARY = "summary ";
    static final Pattern COUNTS = Pattern.compile("found (\\d+), started (\\d+), succeeded (\\d+), failed (\\d+), aborted (\\d+), skipped (\\d+)");
    static final Pattern CLASS_ID = Pattern.compile("^\\[engine:[^\\]]*\\]/\\[class:([^\\]]*)\\]");

    /** One forked run: what {@link Launch} wrote, the console output, the wall time, whether it ended by itself. */
    record Outcome(List<String> results, String console, long millis, boolean finished) {
        /** @return unique id → status and first line of the cause, for every test or class that did not pass */
        Map<String, String> notPassed() {
            Map<String, String> m = new TreeMap<>();
            for (String l : results) {
                if (l.startsWith(NOT_PASSED)) {
                    String[] f = l.substring(NOT_PASSED.length()).split("\t", 3);
                    m.put(f[1], f[0] + " " + (f.length > 2 ? f[2] : ""));
                }
            }
            return m;
        }

        /** @return found, started, succeeded, failed, aborted, skipped */
        long[] counts() {
            Matcher c = COUNTS.matcher(results.stream().filter(l -> l.startsWith(SUMMARY)).findFirst().orElse(""));
            if (!c.find()) {
                throw new AssertionError("the forked suite wrote no summary (" + (finished ? "it exited" : "killed after the time limit")
                        + "); its console output ends with:\n" + console.substring(Math.max(0, console.length() - 4000)));
            }
            long[] r = new long[6];
            for (int i = 0; i < 6; i++) {
                r[i] = Long.parseLong(c.group(i + 1));
            }
            return r;
        }

        /** @return the slowest test classes, {@code n} at most, as {@code name seconds} */
        String slowest(int n) {
            return results.stream().filter(l -> l.startsWith(CLASS_TIME)).map(l -> l.substring(CLASS_TIME.length()).split("\t"))
                    .sorted(Comparator.comparingLong((String[] f) -> -Long.parseLong(f[1]))).limit(n)
                    .map(f -> String.format("%s %.1f s", Launch.shortName(f[0]), Long.parseLong(f[1]) / 1000.0))
                    .collect(Collectors.joining(", "));
        }

        String agentSummary() {
            return console.lines().filter(l -> l.contains("dragonpool: summary:")).findFirst().orElse("no agent summary").trim();
        }
    }

    /** The forked suite: its class path, working folder and build folder. */
    record Suite(String classPath, Path work, Path build) {
        Outcome run(boolean agent, List<String> selectors, String name, long limitSeconds) throws Exception {
            Path selected = build.resolve("lang3-" + name + "-selected.txt");
            Path results = build.resolve("lang3-" + name + "-results.txt");
            Path console = build.resolve("lang3-" + name + ".txt");
            Files.write(selected, selectors);
            Files.deleteIfExists(results);
            List<String> cmd = new ArrayList<>();
            cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            if (agent) {
                cmd.add(AGENT);
            }
            cmd.addAll(ARG_LINE);
            cmd.add("-Xverify:all");
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(Launch.class.getName());
            cmd.add(selected.toString());
            cmd.add(results.toString());
            Files.write(build.resolve("lang3-" + name + ".args"), cmd);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(console.toFile()).start();
            boolean finished = p.waitFor(limitSeconds, TimeUnit.SECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            return new Outcome(Files.exists(results) ? Files.readAllLines(results) : List.of(),
                    Files.readString(console, StandardCharsets.UTF_8), millis, finished);
        }
    }

    static List<String> testClassesOf(Path testsJar, boolean full) throws Exception {
        List<String> all = CollectionsBehaviourIT.testClasses(testsJar.toString(), true).stream()
                .filter(c -> !c.contains(".jmh_generated.")).collect(Collectors.toList());
        for (String c : full ? TOO_COSTLY : SAMPLE) {
            assertTrue(all.contains(c), c + " is not a test class of " + testsJar
                    + ": update ThirdPartyBehaviourIT.SAMPLE and TOO_COSTLY to the suite's version");
        }
        return full ? all.stream().filter(c -> !TOO_COSTLY.contains(c)).collect(Collectors.toList()) : SAMPLE;
    }

    /** @return the ids that did not pass in exactly one of the two runs */
    static TreeSet<String> differences(Map<String, String> plainBad, Map<String, String> agentBad) {
        TreeSet<String> d = new TreeSet<>(plainBad.keySet());
        d.addAll(agentBad.keySet());
        d.removeIf(id -> plainBad.containsKey(id) == agentBad.containsKey(id));
        return d;
    }

    static String testClassOf(String uniqueId) {
        Matcher m = CLASS_ID.matcher(uniqueId);
        return m.find() ? m.group(1) : uniqueId;
    }

    @Test
    void commons_lang3_tests_pass_the_same_with_its_classes_pooled() throws Exception {
        boolean full = "full".equals(System.getProperty("dragonpool.corpus"));
        Path build = Paths.get(System.getProperty("dragonpool.build.dir", "target")).toAbsolutePath();
        Path jars = Paths.get(System.getProperty("dragonpool.thirdparty.dir", build.resolve("thirdparty").toString()))
                .resolve("commons-lang3");
        Path testsJar = jars.resolve("commons-lang3-tests.jar");
        assertTrue(Files.isRegularFile(testsJar), "missing " + testsJar
                + ": the pom's thirdparty-commons-lang3 execution copies it at pre-integration-test; run the IT through mvn verify");
        List<String> cp = new ArrayList<>();
        try (Stream<Path> s = Files.list(jars)) {
            s.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> cp.add(f.toString()));
        }
        cp.add(CollectionsBehaviourIT.where(Launch.class.getName())); // this module's test classes, for Launch
        Path work = CollectionsBehaviourIT.extractResources(testsJar.toString(), build.resolve("lang3-work"));
        Suite suite = new Suite(String.join(File.pathSeparator, cp), work, build);
        List<String> classes = testClassesOf(testsJar, full);
        long limit = full ? 600 : 180;

        Outcome plain = suite.run(false, classes, "plain", limit);
        Outcome pooled = suite.run(true, classes, "agent", limit);
        long[] a = plain.counts();
        long[] b = pooled.counts();

        Map<String, String> plainBad = plain.notPassed();
        Map<String, String> agentBad = pooled.notPassed();

        // Differences once: run the classes that hold them again, both ways; count what comes back.
        TreeSet<String> once = differences(plainBad, agentBad);
        TreeSet<String> confirmed = new TreeSet<>(once);
        Outcome plain2 = null;
        Outcome pooled2 = null;
        if (!once.isEmpty()) {
            List<String> again = once.stream().map(ThirdPartyBehaviourIT::testClassOf).distinct().collect(Collectors.toList());
            plain2 = suite.run(false, again, "rerun-plain", limit);
            pooled2 = suite.run(true, again, "rerun-agent", limit);
            Map<String, String> p2 = plain2.notPassed();
            Map<String, String> a2 = pooled2.notPassed();
            confirmed.removeIf(id -> p2.containsKey(id) != plainBad.containsKey(id) || a2.containsKey(id) != agentBad.containsKey(id));
        }

        String version = System.getProperty("dragonpool.thirdparty.lang3.version", "?");
        StringBuilder report = new StringBuilder();
        report.append(String.format("commons-lang3 %s tests (%s): %d test classes, JDK %s;%n  plain: %d tests run, %d succeeded,"
                        + " %d failed, %d aborted, %d skipped (%.1f s);%n  agent (%s, -Xverify:all): %d tests run, %d succeeded,"
                        + " %d failed, %d aborted, %d skipped (%.1f s);%n  %s%n",
                version, full ? "all but the " + TOO_COSTLY.size() + " that loop over every locale" : "sample of " + SAMPLE.size()
                        + " reflection-heavy classes", classes.size(), Runtime.version(), a[1], a[2], a[3], a[4], a[5],
                plain.millis() / 1000.0, POOL, b[1], b[2], b[3], b[4], b[5], pooled.millis() / 1000.0, pooled.agentSummary()));
        report.append("  slowest classes without the agent: ").append(plain.slowest(3)).append('\n');
        for (String id : confirmed) {
            boolean underAgent = agentBad.containsKey(id);
            report.append(underAgent ? "  did not pass only under the agent: " : "  did not pass only without the agent: ")
                    .append(Launch.shortName(id)).append(" -- ").append(underAgent ? agentBad.get(id) : plainBad.get(id)).append('\n');
        }
        for (String id : once) {
            if (!confirmed.contains(id)) {
                report.append("  differed once, not again when its class ran again: ").append(Launch.shortName(id)).append(" -- ")
                        .append(agentBad.containsKey(id) ? "agent: " + agentBad.get(id) : "plain: " + plainBad.get(id)).append('\n');
            }
        }
        for (String id : plainBad.keySet()) {
            if (agentBad.containsKey(id)) {
                report.append("  did not pass in both runs: ").append(Launch.shortName(id)).append(" -- ")
                        .append(plainBad.get(id)).append('\n');
            }
        }
        System.out.print(report);
        Files.writeString(build.resolve("lang3-report.txt"), report);
        String where = " (console output and results: " + build + "/lang3-*.txt)\n" + report;
        assertTrue(plain.finished() && pooled.finished(), "a forked run passed its " + limit + " s limit" + where);
        assertTrue(plain2 == null || plain2.finished() && pooled2.finished(), "a rerun passed its " + limit + " s limit" + where);
        assertTrue(a[1] > (full ? 5000 : 300), "too few tests ran without the agent: is the class path complete?" + where);
        assertEquals(a[1], b[1], "a different number of tests ran under the agent" + where);
        assertTrue(confirmed.isEmpty(), confirmed.size() + " tests did not pass in one run only, twice; each is named with its"
                + " cause below: make the agent leave what they check as it was" + where);
        assertTrue(pooled.agentSummary().contains("enhanced"), "agent summary missing" + where);
    }

    /**
     * The forked JVM's main class. Arguments: a file of selectors (test class names,
     * {@code class#method(parameter types)}, or JUnit unique ids), and the results file to write:
     * {@code not-passed STATUS<tab>uniqueId<tab>cause} for every test or container that did not
     * pass, {@code class-ms uniqueId<tab>millis} for every test class, and one {@code summary}
     * line of counts. The stack traces of failures go to standard output.
     */
    static final class Launch {
        private Launch() {
        }

        public static void main(String[] args) throws Exception {
            List<DiscoverySelector> selectors = Files.readAllLines(Paths.get(args[0])).stream().filter(l -> !l.isBlank())
                    .map(Launch::selector).collect(Collectors.toList());
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
            PrintStream console = System.out;
            try (PrintStream results = new PrintStream(Files.newOutputStream(Paths.get(args[1])), true, StandardCharsets.UTF_8)) {
                Map<String, Long> started = new HashMap<>();
                TestExecutionListener notPassed = new TestExecutionListener() {
                    @Override
                    public void executionSkipped(TestIdentifier id, String reason) {
                        results.println(NOT_PASSED + "SKIPPED\t" + id.getUniqueId() + "\t" + oneLine(reason));
                    }

                    @Override
                    public void executionStarted(TestIdentifier id) {
                        if (isClass(id)) {
                            started.put(id.getUniqueId(), System.nanoTime());
                        }
                    }

                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (isClass(id)) {
                            Long t0 = started.remove(id.getUniqueId());
                            results.println(CLASS_TIME + id.getUniqueId() + "\t" + (t0 == null ? 0 : (System.nanoTime() - t0) / 1_000_000));
                        }
                        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                            return;
                        }
                        Throwable t = result.getThrowable().orElse(null);
                        results.println(NOT_PASSED + result.getStatus() + "\t" + id.getUniqueId() + "\t"
                                + (t == null ? "" : oneLine(t.toString())));
                        if (t != null && result.getStatus() == TestExecutionResult.Status.FAILED) {
                            StringWriter w = new StringWriter();
                            t.printStackTrace(new PrintWriter(w));
                            console.println("FAILED " + id.getUniqueId());
                            w.toString().lines().limit(40).forEach(l -> console.println("    | " + l));
                        }
                    }
                };
                SummaryGeneratingListener summary = new SummaryGeneratingListener();
                LauncherFactory.create().execute(request, summary, notPassed);
                TestExecutionSummary s = summary.getSummary();
                results.println(SUMMARY + "found " + s.getTestsFoundCount() + ", started " + s.getTestsStartedCount()
                        + ", succeeded " + s.getTestsSucceededCount() + ", failed " + s.getTestsFailedCount() + ", aborted "
                        + s.getTestsAbortedCount() + ", skipped " + s.getTestsSkippedCount() + "; containers failed "
                        + s.getContainersFailedCount());
            }
            console.flush();
            System.exit(0); // tests may leave non-daemon threads behind
        }

        static boolean isClass(TestIdentifier id) {
            return id.getSource().filter(ClassSource.class::isInstance).isPresent();
        }

        /** A class name, {@code class#method(parameter types)}, or a unique id ({@code [engine:...]...}). */
        static DiscoverySelector selector(String line) {
            String l = line.trim();
            return l.startsWith("[") ? DiscoverySelectors.selectUniqueId(l)
                    : l.contains("#") ? DiscoverySelectors.selectMethod(l) : DiscoverySelectors.selectClass(l);
        }

        static String oneLine(String s) {
            String l = s == null ? "" : s.replace('\t', ' ');
            int nl = l.indexOf('\n');
            l = nl < 0 ? l : l.substring(0, nl);
            return l.length() > 300 ? l.substring(0, 300) + "..." : l;
        }

        /** {@code [engine:junit-jupiter]/[class:a.b.C]/[method:m()]} → {@code a.b.C#m()}, invocations as {@code [n]}. */
        static String shortName(String uniqueId) {
            StringBuilder b = new StringBuilder();
            Matcher m = Pattern.compile("\\[([a-z-]+):([^\\]]*)\\]").matcher(uniqueId);
            while (m.find()) {
                String kind = m.group(1);
                String v = m.group(2);
                switch (kind) {
                    case "engine": break;
                    case "class": b.append(v.replace("org.apache.commons.lang3.", "")); break;
                    case "nested-class": b.append('$').append(v); break;
                    case "test-template-invocation":
                    case "dynamic-test":
                    case "dynamic-container": b.append('[').append(v.replace("#", "")).append(']'); break;
                    default: b.append('#').append(v);
                }
            }
            return b.toString();
        }
    }
}
