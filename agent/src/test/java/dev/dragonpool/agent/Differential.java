package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.fail;

import dev.dragonpool.Pooling;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The differential harness behind {@link ProgramsIT}: a program (a {@code main} printing
 * deterministic output) runs in two forked JVMs on the JDK running the build, once without and once
 * with {@code -javaagent:dragonpool-agent.jar}, both with {@code -Xverify:all}; exit status and
 * stdout must be equal (stderr may differ: the agent logs there). The two JVMs of one program run
 * at the same time (one per core of a small build machine). A failure names the program, shows
 * the stdout diff ({@code -} without the agent, {@code +} with it), the exit statuses, the tail of
 * the agent run's stderr and the command to reproduce it. Every run's stdout and stderr stay under
 * {@code target/programs/logs/} for reading afterwards.
 *
 * <p>Programs may write {@code dragonpool-probe pooled <class> <true|false>} lines to stderr
 * ({@code dev.dragonpool.programs.Probe}); {@link #expectPooled} checks them in the agent run, so
 * that an identical output cannot come from the agent silently pooling nothing.
 *
 * <p>Also here: compiling sources at test time ({@link #javac}), building small jars
 * ({@link #jar}) and copying a package's compiled classes ({@link #copyClasses}), for programs
 * whose class path must differ from the test class path.
 */
final class Differential {
    static final Path BUILD = Paths.get(System.getProperty("dragonpool.build.dir", "target"));
    /** Everything the programs write or compile at test time lives under here. */
    static final Path WORK = BUILD.resolve("programs");
    static final Path LOGS = WORK.resolve("logs");
    static final long TIMEOUT_SECONDS = 60;
    private static final String PROBE = "dragonpool-probe pooled ";

    private Differential() {
    }

    /** Where the classes of {@code c} come from (a directory or a jar). */
    static Path where(Class<?> c) {
        try {
            return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the classes of " + c, e);
        }
    }

    /** The test classes (the programs) plus the annotations artifact. */
    static String testClassPath() {
        return where(Differential.class) + File.pathSeparator + where(Pooling.class);
    }

    /** A JVM to fork: its flags, class or module path, main and arguments. */
    static final class Fork {
        final String main;
        final List<String> jvm = new ArrayList<>();
        final List<String> args = new ArrayList<>();
        String classPath = testClassPath();
        String modulePath;

        Fork(String main) {
            this.main = main;
        }

        Fork jvm(String... flags) {
            Collections.addAll(jvm, flags);
            return this;
        }

        Fork args(String... a) {
            Collections.addAll(args, a);
            return this;
        }

        Fork classPath(String cp) {
            classPath = cp;
            return this;
        }

        /** Runs {@code main} ({@code module/class}) from {@code path} as a module path, no class path. */
        Fork modulePath(String path) {
            modulePath = path;
            classPath = null;
            return this;
        }

        /** The same JVM with the Dragonpool agent added after every other flag (so after other agents). */
        Fork withAgent(String options) {
            Fork f = copy();
            f.jvm.add("-javaagent:" + AgentJarIT.JAR + (options.isEmpty() ? "" : "=" + options));
            return f;
        }

        Fork copy() {
            Fork f = new Fork(main);
            f.jvm.addAll(jvm);
            f.args.addAll(args);
            f.classPath = classPath;
            f.modulePath = modulePath;
            return f;
        }

        List<String> command() {
            List<String> cmd = new ArrayList<>();
            cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xverify:all");
            cmd.addAll(jvm);
            if (modulePath != null) {
                cmd.add("--module-path");
                cmd.add(modulePath);
                cmd.add("-m");
            } else {
                cmd.add("-cp");
                cmd.add(classPath);
            }
            cmd.add(main);
            cmd.addAll(args);
            return cmd;
        }
    }

    /** What one forked JVM did. */
    static final class Outcome {
        final String label;
        final List<String> command;
        int status;
        boolean timedOut;
        String out;
        String err;

        Outcome(String label, List<String> command) {
            this.label = label;
            this.command = command;
        }

        String commandLine() {
            return command.stream().map(a -> a.contains(" ") ? "'" + a + "'" : a).collect(Collectors.joining(" "));
        }

        /** A copy with another stdout (a documented difference mapped away). */
        Outcome withOut(String mapped) {
            Outcome o = new Outcome(label, command);
            o.status = status;
            o.timedOut = timedOut;
            o.out = mapped;
            o.err = err;
            return o;
        }

        /** Status, stdout and stderr (tail), for assertion messages of single runs. */
        String describe() {
            return label + ": exit status " + (timedOut ? "TIMEOUT" : status) + "\n  command: " + commandLine()
                    + "\n--- stdout ---\n" + out + "--- stderr ---\n" + excerpt(err);
        }
    }

    /** Runs the forks at the same time; each one's stdout and stderr go to files under {@link #LOGS}. */
    static List<Outcome> runAll(List<String> labels, List<Fork> forks) {
        try {
            Files.createDirectories(LOGS);
            List<Process> ps = new ArrayList<>();
            List<Outcome> outs = new ArrayList<>();
            for (int i = 0; i < forks.size(); i++) {
                Outcome o = new Outcome(labels.get(i), forks.get(i).command());
                Path out = LOGS.resolve(labels.get(i) + ".out");
                Path err = LOGS.resolve(labels.get(i) + ".err");
                ps.add(new ProcessBuilder(o.command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE).start());
                outs.add(o);
            }
            for (int i = 0; i < ps.size(); i++) {
                Process p = ps.get(i);
                Outcome o = outs.get(i);
                p.getOutputStream().close();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    o.timedOut = true;
                    p.destroyForcibly().waitFor();
                }
                o.status = p.exitValue();
                o.out = Files.readString(LOGS.resolve(o.label + ".out"), StandardCharsets.UTF_8);
                o.err = Files.readString(LOGS.resolve(o.label + ".err"), StandardCharsets.UTF_8);
            }
            return outs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs one fork alone. */
    static Outcome run(String label, Fork fork) {
        return runAll(List.of(label), List.of(fork)).get(0);
    }

    /** The result of one differential comparison: the run without and the run with the agent. */
    static final class Pair {
        final String program;
        final Outcome plain;
        final Outcome agent;

        /** What the two runs are, for the diff's legend. */
        final String minus;
        final String plus;

        Pair(String program, Outcome plain, Outcome agent) {
            this(program, plain, agent, "without the agent", "with the agent");
        }

        /** A comparison of two runs other than plain/agent (e.g. reading a file the other JVM kind wrote). */
        Pair(String program, Outcome plain, Outcome agent, String minus, String plus) {
            this.program = program;
            this.plain = plain;
            this.agent = agent;
            this.minus = minus;
            this.plus = plus;
        }

        /**
         * {@link #assertSame()} after mapping the agent run's stdout through a documented
         * difference (for example the factory's method name in stack traces standing where
         * {@code <init>} stood).
         */
        Pair assertSameExcept(java.util.function.UnaryOperator<String> documented) {
            Outcome mapped = agent.withOut(documented.apply(agent.out));
            new Pair(program, plain, mapped).assertSame();
            return this;
        }

        /**
         * Fails unless both runs ended alike (status, stdout), with a message that shows the diff.
         * Also fails if the run without the agent did not exit 0 (a broken program proves nothing).
         */
        Pair assertSame() {
            if (plain.timedOut || plain.status != 0) {
                fail("program " + program + " is broken WITHOUT the agent (fix the program, not the agent):\n"
                        + plain.describe());
            }
            if (agent.timedOut || agent.status != plain.status || !agent.out.equals(plain.out)) {
                fail("program " + program + " behaves differently " + plus + ".\n"
                        + "exit status: " + minus + " " + plain.status + ", " + plus + " " + (agent.timedOut ? "TIMEOUT" : agent.status)
                        + "\nstdout diff (- " + minus + ", + " + plus + "):\n" + diff(plain.out, agent.out)
                        + "stderr " + plus + ":\n" + indent(excerpt(agent.err))
                        + "reproduce: " + agent.commandLine() + "\n"
                        + "(outputs in " + LOGS + "/" + agent.label + ".{out,err})");
            }
            return this;
        }

        /**
         * Fails unless the agent run's probes say each class is pooled (an identical output would
         * otherwise prove nothing when the agent refused them).
         */
        Pair expectPooled(String... classNames) {
            return expectProbe(true, classNames);
        }

        /** Fails unless the agent run's probes say each class is NOT pooled (a refusal the contract requires). */
        Pair expectNotPooled(String... classNames) {
            return expectProbe(false, classNames);
        }

        private Pair expectProbe(boolean pooled, String... classNames) {
            List<String> wrong = new ArrayList<>();
            for (String c : classNames) {
                String line = PROBE + c + " ";
                String seen = agent.err.lines().filter(l -> l.startsWith(line)).map(l -> l.substring(line.length()))
                        .findFirst().orElse("no probe line");
                if (!seen.equals(String.valueOf(pooled))) {
                    wrong.add(c + " (isPooled: " + seen + ")");
                }
            }
            if (!wrong.isEmpty()) {
                fail("program " + program + ": output is the same, but under the agent these classes are "
                        + (pooled ? "not pooled, so the comparison proves little; the contract says they must be pooled: "
                                : "pooled although the contract says they must be refused: ")
                        + wrong + "\nstderr with the agent:\n" + indent(excerpt(agent.err)));
            }
            return this;
        }
    }

    /** Runs {@code plain} and {@code agent} at the same time for {@code program}. */
    static Pair compare(String program, Fork plain, Fork agent) {
        List<Outcome> o = runAll(List.of(program + "-plain", program + "-agent"), List.of(plain, agent));
        return new Pair(program, o.get(0), o.get(1));
    }

    /** {@link #compare} with {@code fork} and the same fork plus the agent (default options). */
    static Pair compare(String program, Fork fork) {
        return compare(program, fork, fork.withAgent(""));
    }

    /** A line diff (longest common subsequence), each line prefixed by two spaces, "- " or "+ ". */
    static String diff(String a, String b) {
        List<String> x = a.lines().collect(Collectors.toList());
        List<String> y = b.lines().collect(Collectors.toList());
        int n = x.size();
        int m = y.size();
        if ((long) n * m > 4_000_000L) {
            return "--- without ---\n" + a + "--- with ---\n" + b;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && x.get(i).equals(y.get(j))) {
                sb.append("    ").append(x.get(i++)).append('\n');
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                sb.append("  + ").append(y.get(j++)).append('\n');
            } else {
                sb.append("  - ").append(x.get(i++)).append('\n');
            }
        }
        if (!a.isEmpty() && !b.isEmpty() && a.endsWith("\n") != b.endsWith("\n")) {
            sb.append("  (only one of the outputs ends with a newline)\n");
        }
        return sb.toString();
    }

    /** The first 15 and last 25 lines of {@code s} (the cause of a crash is often at the top). */
    static String excerpt(String s) {
        List<String> l = s.lines().collect(Collectors.toList());
        if (l.size() <= 40) {
            return s.isEmpty() || s.endsWith("\n") ? s : s + "\n";
        }
        return String.join("\n", l.subList(0, 15)) + "\n[... " + (l.size() - 40) + " lines ...]\n"
                + String.join("\n", l.subList(l.size() - 25, l.size())) + "\n";
    }

    static String indent(String s) {
        return s.lines().map(l -> "  " + l + "\n").collect(Collectors.joining());
    }

    /** A fresh, empty directory {@code WORK/name}. */
    static Path freshDir(String name) {
        Path d = WORK.resolve(name);
        try {
            if (Files.exists(d)) {
                try (Stream<Path> s = Files.walk(d)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(d);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compiles every {@code .java} file under the test resource folder {@code programs/<source>}
     * with {@code --release 17} into {@code out}; {@code options} come first (class or module path).
     */
    static void javac(String source, Path out, String... options) {
        Path src = resource("programs/" + source);
        List<String> args = new ArrayList<>();
        Collections.addAll(args, options);
        Collections.addAll(args, "--release", "17", "-encoding", "UTF-8", "-nowarn", "-d", out.toString());
        try (Stream<Path> s = Files.walk(src)) {
            s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> args.add(p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaCompiler c = ToolProvider.getSystemJavaCompiler();
        java.io.StringWriter log = new java.io.StringWriter();
        int rc = c.run(null, new java.io.PrintStream(new WriterStream(log), true), new java.io.PrintStream(new WriterStream(log), true),
                args.toArray(new String[0]));
        if (rc != 0) {
            throw new IllegalStateException("javac of test resources programs/" + source + " failed (" + rc + "):\n" + log
                    + "\nargs: " + args);
        }
    }

    /** A folder of the test resources as a path (they are copied as files into the test classes). */
    static Path resource(String name) {
        try {
            URI u = Differential.class.getClassLoader().getResource(name).toURI();
            return Paths.get(u);
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource folder " + name + " (is it under agent/src/test/resources?)", e);
        }
    }

    /** Adapts a Writer for javac's PrintStreams. */
    private static final class WriterStream extends OutputStream {
        private final java.io.Writer w;

        WriterStream(java.io.Writer w) {
            this.w = w;
        }

        @Override
        public void write(int b) throws IOException {
            w.write(b);
        }
    }

    /**
     * Writes a jar at {@code jar} holding the class files of {@code classes} (from the test
     * classes), with the given main manifest attributes.
     */
    static Path jar(Path jar, Map<String, String> manifest, Class<?>... classes) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> m.getMainAttributes().put(new Attributes.Name(k), v));
        try {
            Files.createDirectories(jar.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
                for (Class<?> c : classes) {
                    String name = c.getName().replace('.', '/') + ".class";
                    out.putNextEntry(new JarEntry(name));
                    try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a jar at {@code jar} holding every file under the directory {@code dir}. */
    static Path jarDirectory(Path jar, Path dir) {
        try {
            Files.createDirectories(jar.getParent());
            Manifest m = new Manifest();
            m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m);
                    Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                    String name = dir.relativize(p).toString().replace(File.separatorChar, '/');
                    if (name.equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The annotations artifact as a jar named {@code dragonpool-annotations.jar} (automatic
     * module {@code dragonpool.annotations}), whether the build resolved it as a jar or as a
     * classes directory.
     */
    static Path annotationsJar() {
        Path src = where(Pooling.class);
        Path dst = WORK.resolve("mods").resolve("dragonpool-annotations.jar");
        try {
            Files.createDirectories(dst.getParent());
            if (Files.isDirectory(src)) {
                return jarDirectory(dst, src);
            }
            Files.copy(src, dst, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return dst;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the compiled test classes of the packages {@code packages} (internal names, e.g.
     * {@code dev/dragonpool/programs/optional}, not their subpackages) into {@code dest}, leaving
     * out the class files whose internal names are in {@code leaveOut}.
     */
    static void copyClasses(Path dest, List<String> packages, List<String> leaveOut) {
        Path root = where(Differential.class);
        try {
            for (String pkg : packages) {
                Path from = root.resolve(pkg);
                try (Stream<Path> s = Files.list(from)) {
                    for (Path p : s.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
                        String internal = pkg + "/" + p.getFileName().toString().replace(".class", "");
                        if (leaveOut.contains(internal)) {
                            continue;
                        }
                        Path to = dest.resolve(pkg).resolve(p.getFileName().toString());
                        Files.createDirectories(to.getParent());
                        Files.copy(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
