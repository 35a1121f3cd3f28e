package dev.dragonpool.agent;

import static dev.dragonpool.agent.Differential.compare;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.agent.Differential.Fork;
import dev.dragonpool.programs.earlyload.EarlyAgent;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Differential end-to-end check of the {@code @Pooled} contract's "never breaks a correct
 * program": each test runs one program of {@code dev.dragonpool.programs.<name>} in two forked
 * JVMs ({@code -Xverify:all}), without and with {@code -javaagent:dragonpool-agent.jar}, and
 * asserts the same exit status and the same stdout (see {@link Differential}). Test names say the
 * program and the shape it exercises; a failure shows the stdout diff and the agent's stderr. A
 * few tests assert what only the agent does (reuse of identity, JMX beans); their names end in
 * {@code _under_the_agent}.
 */
class ProgramsIT {
    static final String P = "dev.dragonpool.programs.";

    static Fork program(String name) {
        return new Fork(P + name + ".Main");
    }

    @Test
    void p01_release_through_declared_interface_superclass_and_object_types() {
        compare("p01-declared", program("declared")).assertSame()
                .expectPooled(P + "declared.Circle", P + "declared.Square", P + "declared.Token", P + "declared.other.Hidden");
    }

    @Test
    void p02_static_initialisation_cycles_between_pooled_classes_and_their_constants() {
        compare("p02-staticcycle", program("staticcycle")).assertSame()
                .expectPooled(P + "staticcycle.Leaf", P + "staticcycle.Leaf2", P + "staticcycle.Eur", P + "staticcycle.Usd",
                        P + "staticcycle.Twig");
    }

    /**
     * Another agent listed first loads and instantiates the application's pooled class in its
     * premain; the comparison run has that agent too. The class was loaded before Dragonpool could
     * enhance it, so it stays plain (and is reported), and its allocation sites must stay plain.
     */
    @Test
    void p03_pooled_class_loaded_by_another_agent_before_dragonpool_premain() {
        Path jar = Differential.jar(Differential.WORK.resolve("early-agent.jar"),
                Map.of("Premain-Class", EarlyAgent.class.getName()), EarlyAgent.class);
        Fork plain = program("earlyload").jvm("-javaagent:" + jar);
        compare("p03-earlyload", plain, plain.withAgent("")).assertSame().expectNotPooled(P + "earlyload.Gadget");
    }

    /** A named module (module-info requires the annotations' automatic module), run with -m. */
    @Test
    void p04_pooled_classes_in_a_named_module() {
        Path out = Differential.freshDir("modular");
        Path annotations = Differential.annotationsJar();
        Differential.javac("modular", out, "--module-path", annotations.toString());
        Fork plain = new Fork("dragonpool.programs.modular/dev.dragonpool.programs.modular.app.Main")
                .modulePath(out + File.pathSeparator + annotations);
        compare("p04-modular", plain).assertSame()
                .expectPooled("dev.dragonpool.programs.modular.app.Point", "dev.dragonpool.programs.modular.internal.Packet");
    }

    /** {@code Message} has fields and code typed by a library left off the run's class path. */
    @Test
    void p05_optional_dependency_absent_at_run_time() {
        Path cp = Differential.freshDir("optional-cp");
        Differential.copyClasses(cp, List.of("dev/dragonpool/programs", "dev/dragonpool/programs/optional"), List.of());
        assertTrue(!cp.resolve("dev/dragonpool/programs/optional/lib").toFile().exists(), "the library must be absent");
        Fork plain = program("optional").classPath(cp + File.pathSeparator + Differential.where(dev.dragonpool.Pooling.class));
        compare("p05-optional", plain).assertSame().expectPooled(P + "optional.Message");
    }
}
