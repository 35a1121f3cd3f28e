package dev.dragonpool.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Goal {@code weave} (bound to {@code process-classes}): weaves the module's compiled classes in
 * place, as the agent would transform them at load: {@code @Pooled} classes (and those named by
 * {@code pool}, minus {@code exclude}) are enhanced, allocation sites and {@code Pooling} calls in
 * every class are rewritten. Dependencies on the compile class path are read for decisions (a
 * superclass's state); their classes are pooled here only if they were woven themselves. The
 * report is printed and written to {@code target/dragonpool-weave.json}. The woven classes need
 * {@code dev.dragonpool:dragonpool-runtime} at run time, not the agent.
 */
@Mojo(name = "weave", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class WeaveMojo extends AbstractWeaveMojo {

    /** The classes to weave in place. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    File classesDirectory;

    /** Where the JSON report goes. */
    @Parameter(property = "dragonpool.report", defaultValue = "${project.build.directory}/dragonpool-weave.json", required = true)
    File report;

    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true, required = true)
    List<String> compileClasspathElements;

    @Parameter(defaultValue = "${project.runtimeClasspathElements}", readonly = true, required = true)
    List<String> runtimeClasspathElements;

    @Override
    File classesDirectory() {
        return classesDirectory;
    }

    @Override
    List<String> classpathElements() {
        return compileClasspathElements;
    }

    @Override
    List<String> runtimeClasspathElements() {
        return runtimeClasspathElements;
    }

    @Override
    File reportFile() {
        return report;
    }

    @Override
    String what() {
        return "classes";
    }
}
