package dev.dragonpool.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Goal {@code weave-tests} (bound to {@code process-test-classes}): weaves the module's test
 * classes in place, like {@code weave} does the main classes, so tests allocate and release
 * pooled instances as the woven application does. The main classes, woven by {@code weave}, are
 * on the test class path; their pooled classes are called through their factories. The report
 * goes to {@code target/dragonpool-weave-tests.json}.
 */
@Mojo(name = "weave-tests", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class WeaveTestsMojo extends AbstractWeaveMojo {

    /** The test classes to weave in place. */
    @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
    File testClassesDirectory;

    /** Where the JSON report goes. */
    @Parameter(property = "dragonpool.testReport", defaultValue = "${project.build.directory}/dragonpool-weave-tests.json",
            required = true)
    File report;

    @Parameter(defaultValue = "${project.testClasspathElements}", readonly = true, required = true)
    List<String> testClasspathElements;

    @Override
    File classesDirectory() {
        return testClassesDirectory;
    }

    @Override
    List<String> classpathElements() {
        return testClasspathElements;
    }

    @Override
    List<String> runtimeClasspathElements() {
        return testClasspathElements;
    }

    @Override
    File reportFile() {
        return report;
    }

    @Override
    String what() {
        return "test classes";
    }
}
