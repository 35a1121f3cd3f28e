package dev.dragonpool.maven;

import dev.dragonpool.agent.weave.WeaveException;
import dev.dragonpool.agent.weave.WeaveOptions;
import dev.dragonpool.agent.weave.WeaveReport;
import dev.dragonpool.agent.weave.Weaver;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the {@code weave} and {@code weave-tests} goals share: the parameters that match the
 * agent's options, the run of the {@link Weaver} over one class folder in place, the report in the
 * build log and as JSON. The goals differ only in the folder, the class path and the report's
 * name.
 */
abstract class AbstractWeaveMojo extends AbstractMojo {
    private static final String RUNTIME_CLASS = "dev/dragonpool/runtime/internal/PooledClasses.class";

    /** Classes to pool as if annotated {@code @Pooled}: the agent's {@code pool=} globs ({@code com.acme.model.**}). */
    @Parameter(property = "dragonpool.pool")
    List<String> pool;

    /** Classes never to pool, even if annotated: the agent's {@code exclude=} globs. */
    @Parameter(property = "dragonpool.exclude")
    List<String> exclude;

    /** {@code off} or {@code full}: compile use-after-release checks into the pooled classes (the agent's {@code guard=}). */
    @Parameter(property = "dragonpool.guard", defaultValue = "off")
    String guard;

    /** Link every changed class in a throw-away loader so the JVM verifies it before anything is written. */
    @Parameter(property = "dragonpool.verify", defaultValue = "true")
    boolean verify;

    /** Fail the build when a class asked to be pooled is refused (a record, a superclass with state...). */
    @Parameter(property = "dragonpool.failOnRefused", defaultValue = "false")
    boolean failOnRefused;

    /** Skip weaving. */
    @Parameter(property = "dragonpool.weave.skip", defaultValue = "false")
    boolean skip;

    abstract File classesDirectory();

    abstract List<String> classpathElements();

    abstract List<String> runtimeClasspathElements();

    abstract File reportFile();

    abstract String what();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("dragonpool: weaving skipped");
            return;
        }
        Path classes = classesDirectory().toPath();
        if (!Files.isDirectory(classes)) {
            getLog().info("dragonpool: no " + what() + " to weave (" + classes + " does not exist)");
            return;
        }
        WeaveOptions o;
        try {
            o = new WeaveOptions();
            o.set("pool", join(pool));
            o.set("exclude", join(exclude));
            o.set("guard", guard == null ? "off" : guard);
            o.set("verify", Boolean.toString(verify));
            o.set("json", reportFile().getPath());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("dragonpool: " + e.getMessage() + " (in the plugin's configuration)", e);
        }
        List<Path> cp = new ArrayList<>();
        for (String e : classpathElements()) {
            Path p = Paths.get(e);
            if (!p.toAbsolutePath().normalize().equals(classes.toAbsolutePath().normalize())) {
                cp.add(p);
            }
        }
        o.classpath(cp);
        WeaveReport r;
        try {
            r = new Weaver(o).weave(classes, classes);
        } catch (WeaveException e) {
            throw new MojoFailureException("dragonpool: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("dragonpool: weaving " + classes + " failed: " + e, e);
        }
        for (String line : r.lines()) {
            if (line.startsWith("  not pooling ") || line.startsWith("  not verified") || line.contains(" was woven before ")) {
                getLog().warn("dragonpool: " + line.trim());
            } else {
                getLog().info("dragonpool: " + line.trim());
            }
        }
        getLog().info("dragonpool: report written to " + reportFile());
        if (r.changed() > 0 && !hasRuntime()) {
            getLog().warn("dragonpool: woven classes call dev.dragonpool:dragonpool-runtime at run time, but it is not a"
                    + " dependency of this module: add it (scope compile or runtime), or the classes fail with a"
                    + " NoClassDefFoundError naming it");
        }
        if (failOnRefused && !r.refused().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : r.refused().entrySet()) {
                sb.append(sb.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(e.getValue());
            }
            throw new MojoFailureException("dragonpool: " + r.refused().size() + " class(es) asked to be pooled were refused"
                    + " (failOnRefused=true): " + sb + ". Change them, or exclude them with <exclude>");
        }
    }

    private static String join(List<String> globs) {
        return globs == null ? "" : String.join(";", globs);
    }

    /** Whether the module's run-time class path holds the runtime (a folder of the reactor or a jar). */
    private boolean hasRuntime() {
        for (String e : runtimeClasspathElements()) {
            Path p = Paths.get(e);
            if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(RUNTIME_CLASS))) {
                return true;
            }
            if (Files.isRegularFile(p)) {
                try (JarFile j = new JarFile(p.toFile())) {
                    if (j.getEntry(RUNTIME_CLASS) != null) {
                        return true;
                    }
                } catch (IOException ignored) {
                    // not a jar: not the runtime
                }
            }
        }
        return false;
    }
}
