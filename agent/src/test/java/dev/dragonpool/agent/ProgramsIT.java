package dev.dragonpool.agent;

import static dev.dragonpool.agent.Differential.compare;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.agent.Differential.Fork;
import dev.dragonpool.agent.Differential.Outcome;
import dev.dragonpool.agent.Differential.Pair;
import dev.dragonpool.programs.earlyload.EarlyAgent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 *
 * <p>One test alone: {@code mvn -pl agent -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test='ProgramsIT#p07*'}; every run's stdout and stderr stay in {@code target/programs/logs/}.
 */
class ProgramsIT {
    static final String P = "dev.dragonpool.programs.";
    /** {@code programs/loaded} compiled by {@link #loadedClasses()}. */
    private static Path loaded;

    static Fork program(String name) {
        return new Fork(P + name + ".Main");
    }

    /**
     * Fails unless the agent run's standard error holds each of {@code lines}, whole (the
     * agent's one-line messages, {@code dragonpool: ...}).
     */
    static void assertAgentSaid(Pair r, String... lines) {
        List<String> err = r.agent.err.lines().collect(java.util.stream.Collectors.toList());
        for (String l : lines) {
            assertTrue(err.contains(l), "the agent did not say\n  " + l + "\nstderr with the agent:\n" + r.agent.err);
        }
    }

    /** Fails unless the agent run's standard error contains each of {@code texts} (a message that is not the agent's own line yet). */
    static void assertAgentMentioned(Pair r, String... texts) {
        for (String t : texts) {
            assertTrue(r.agent.err.contains(t), "the agent did not say\n  " + t + "\nstderr with the agent:\n" + r.agent.err);
        }
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
        Pair r = compare("p03-earlyload", plain, plain.withAgent("")).assertSame().expectNotPooled(P + "earlyload.Gadget");
        assertAgentSaid(r, "dragonpool: not pooling " + P + "earlyload.Gadget: already loaded before the agent could enhance it"
                + " (start the JVM with -javaagent rather than attaching, and list the Dragonpool agent before other agents"
                + " that load application classes)",
                "dragonpool: started after other agents: 1 class(es) asked to be pooled were already loaded and stay plain: ["
                        + P + "earlyload.Gadget] (list -javaagent:dragonpool-agent.jar before the agents that load them)");
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

    @Test
    void p06_anonymous_and_unannotated_subclasses_of_a_class_with_a_release_close() {
        Pair r = compare("p06-subclasses", program("subclasses")).assertSame()
                .expectPooled(P + "subclasses.Resource", P + "subclasses.Special")
                .expectNotPooled(P + "subclasses.Plain", P + "subclasses.Counting", P + "subclasses.Main$1");
        assertAgentMentioned(r, "dragonpool: releasing an instance of " + P + "subclasses.Plain does nothing: it is a subclass"
                + " of the pooled class " + P + "subclasses.Resource that is not pooled itself (annotate it @Pooled to pool it)");
    }

    /** The classes of {@code programs/loaded} compiled at test time (once per run), off the class path. */
    static synchronized Path loadedClasses() {
        if (loaded == null) {
            Path out = Differential.freshDir("loaded-classes");
            Differential.javac("loaded", out, "-cp", Differential.where(dev.dragonpool.Pooling.class).toString());
            loaded = out;
        }
        return loaded;
    }

    @Test
    void p07_pooled_class_defined_from_memory_by_a_loader_without_resources() {
        compare("p07-memloader", program("memloader").args(loadedClasses().toString())).assertSame()
                .expectPooled("dev.dragonpool.programs.loaded.Widget");
    }

    @Test
    void p08_release_of_instances_of_refused_pooled_classes_is_a_no_op() {
        Pair r = compare("p08-refused", program("refused")).assertSame()
                .expectNotPooled(P + "refused.Pair", P + "refused.Color", P + "refused.Bag", P + "refused.OnStateful",
                        P + "refused.Animal", P + "refused.Dog");
        String state = " (that state would not be reset on reuse; pool the superclass too (if it is yours) or hold an"
                + " instance of it in a field instead of extending it)";
        assertAgentSaid(r,
                "dragonpool: not pooling " + P + "refused.Pair: record (records cannot be pooled: their fields are final by"
                        + " definition; pool a class instead)",
                "dragonpool: not pooling " + P + "refused.Color: enum (enum constants are created once by the JVM, there is"
                        + " nothing to recycle; remove @Pooled or narrow the pool= glob)",
                "dragonpool: not pooling " + P + "refused.Animal: abstract class (only concrete classes are pooled; annotate"
                        + " its concrete subclasses @Pooled, and make its instance state theirs or pool it with them)",
                "dragonpool: not pooling " + P + "refused.Bag: superclass java.util.ArrayList is not pooled and has instance"
                        + " state (field elementData)" + state,
                "dragonpool: not pooling " + P + "refused.OnStateful: superclass " + P + "refused.Stateful is not pooled and"
                        + " has instance state (field base)" + state);
        assertAgentMentioned(r, "dragonpool: releasing an instance of " + P + "refused.Pair does nothing: the class is not"
                + " pooled (record) (reported once per class)");
        assertTrue(r.agent.err.lines().filter(l -> l.contains("not pooling " + P + "refused.Pair:")).count() == 1,
                "each refusal is reported once: " + r.agent.err);
    }

    @Test
    void p09_constructor_publishes_this_then_throws_and_the_instance_is_never_reused() {
        compare("p09-publishing", program("publishing")).assertSame().expectPooled(P + "publishing.Fragile");
    }

    @Test
    void p10_class_initialisation_happens_where_new_stood_before_the_arguments() {
        compare("p10-initorder", program("initorder")).assertSame()
                .expectPooled(P + "initorder.First", P + "initorder.Deferred", P + "initorder.Seen", P + "initorder.Outer",
                        P + "initorder.Inner");
    }

    @Test
    void p11_close_overrides_around_a_release_super_close_leave_new_instances_initial() {
        compare("p11-closeoverride", program("closeoverride")).assertSame()
                .expectPooled(P + "closeoverride.Conn", P + "closeoverride.LoggingConn", P + "closeoverride.StrictConn");
    }

    /** Loaders over a pooled class, used and dropped, must be collected: the pools must not pin them. */
    @Test
    void p12_class_loaders_of_pooled_classes_are_unloaded() {
        Pair r = compare("p12-unload", program("unload").args("unload", loadedClasses().toString())).assertSame()
                .expectPooled("dev.dragonpool.programs.loaded.Widget");
        assertTrue(r.plain.out.contains("unloaded=true"), "without the agent the loaders must be collected:\n" + r.plain.describe());
    }

    /** Same-named pooled classes in two live loaders: one ObjCache bean each (the agent alone registers beans). */
    @Test
    void p12_same_named_classes_in_two_loaders_each_get_a_jmx_bean_under_the_agent() {
        Fork plain = program("unload").args("jmx", loadedClasses().toString());
        Pair r = compare("p12-jmx", plain, plain.withAgent(""));
        assertTrue(r.plain.status == 0 && r.plain.out.contains("beans=0 "), r.plain.describe());
        assertTrue(r.agent.status == 0 && r.agent.out.contains("beans=2 "),
                "under the agent each of the two loaders' dev.dragonpool.programs.loaded.Widget classes needs its own "
                        + "ObjCache bean (distinct ObjectNames, e.g. with the loader's name):\n" + r.agent.describe());
    }

    static final String[] SERIAL = {P + "serial.Letter", P + "serial.Ext", P + "serial.Amount", P + "serial.Base",
        P + "serial.Derived"};

    @Test
    void p13_default_serial_version_uids_are_the_original_ones() {
        compare("p13-serial-uid", program("serial").args("uid")).assertSame().expectPooled(SERIAL);
    }

    /** Serialized without the agent, read with it, and the reverse; the serialized forms must be equal. */
    @Test
    void p13_serialized_forms_cross_between_jvms_with_and_without_the_agent() {
        Path dir = Differential.freshDir("serial");
        Path plainFile = dir.resolve("plain.ser");
        Path agentFile = dir.resolve("agent.ser");
        Fork writePlain = program("serial").args("write", plainFile.toString());
        compare("p13-serial-write", writePlain, program("serial").args("write", agentFile.toString()).withAgent("")).assertSame();
        Fork readPlain = program("serial").args("read", plainFile.toString());
        List<Outcome> o = Differential.runAll(List.of("p13-read-plain", "p13-read-plain-with-agent", "p13-read-agents-file"),
                List.of(readPlain, readPlain.withAgent(""), program("serial").args("read", agentFile.toString())));
        assertAll(
                () -> new Pair("p13-serial (file written without the agent)", o.get(0), o.get(1)).assertSame().expectPooled(SERIAL),
                () -> new Pair("p13-serial (read without the agent)", o.get(0), o.get(2), "reading the file written without the agent",
                        "reading the file written with it").assertSame(),
                () -> {
                    byte[] a = Files.readAllBytes(plainFile);
                    byte[] b = Files.readAllBytes(agentFile);
                    int at = Arrays.mismatch(a, b);
                    assertTrue(at < 0, "the serialized form written under the agent differs from the one written without it at byte "
                            + at + " of " + a.length + "/" + b.length + " (an added non-transient field, or a changed "
                            + "serialVersionUID?): " + plainFile + " vs " + agentFile);
                });
    }

    @Test
    void p14_reflection_sees_pooled_classes_as_written() {
        compare("p14-reflection", program("reflection")).assertSame()
                .expectPooled(P + "reflection.PublicCtor", P + "reflection.PackageCtor", P + "reflection.PrivateCtor",
                        P + "reflection.MultiCtor", P + "reflection.WithInterfaces", P + "reflection.Generic",
                        P + "reflection.SerialThing", P + "reflection.SubOfPooled", P + "reflection.Holder$Nested",
                        P + "reflection.Holder$Inner");
    }

    /**
     * Stack traces through pooled constructors and StackWalker inside one. Reported, not judged:
     * the diff shows which frames the agent adds or renames, for the contract to decide.
     */
    @Test
    void p15_stack_traces_and_stack_walker_through_pooled_constructors() {
        // The one documented difference: the frame of a pooled constructor is named $dp$new (the
        // factory the body is inlined into) where it was <init>; the caller, the depth, the files
        // and the lines are the same.
        compare("p15-stacks", program("stacks")).assertSameExcept(out -> out.replace(".$dp$new", ".<init>"))
                .expectPooled(P + "stacks.Bomb", P + "stacks.Fuse");
    }

    @Test
    void p16_constructor_references_behave_as_without_the_agent() {
        compare("p16-ctorrefs", program("ctorrefs")).assertSame()
                .expectPooled(P + "ctorrefs.Cell", P + "ctorrefs.Box", P + "ctorrefs.Order", P + "ctorrefs.Outer$Part");
    }

    /** Constructor references are allocation sites: after a release, {@code Cell::new} hands the instance out again. */
    @Test
    void p16_constructor_references_reuse_released_instances_under_the_agent() {
        Fork plain = program("ctorrefs").args("reuse");
        Pair r = compare("p16-ctorrefs-reuse", plain, plain.withAgent(""));
        assertTrue(r.plain.status == 0 && r.plain.out.contains("reused=false"), r.plain.describe());
        assertTrue(r.agent.status == 0 && r.agent.out.contains("reused=true value=2 reads=0")
                && r.agent.out.contains("supplier reused=true"),
                "under the agent Cell::new and Box::new must take the released instance (constructor references are allocation "
                        + "sites like new):\n" + r.agent.describe());
    }

    /** A serializable {@code Box::new} written by one JVM and read by the other. */
    @Test
    void p16_serializable_constructor_reference_crosses_between_jvms_with_and_without_the_agent() {
        Path dir = Differential.freshDir("ctorrefs");
        Path plainFile = dir.resolve("plain.ser");
        Path agentFile = dir.resolve("agent.ser");
        compare("p16-lambda-write", program("ctorrefs").args("write", plainFile.toString()),
                program("ctorrefs").args("write", agentFile.toString()).withAgent("")).assertSame();
        Fork readPlain = program("ctorrefs").args("read", plainFile.toString());
        List<Outcome> o = Differential.runAll(List.of("p16-read-plain", "p16-read-plain-with-agent", "p16-read-agents-file"),
                List.of(readPlain, readPlain.withAgent(""), program("ctorrefs").args("read", agentFile.toString())));
        assertAll(
                () -> new Pair("p16-lambda (file written without the agent)", o.get(0), o.get(1)).assertSame(),
                () -> new Pair("p16-lambda (read without the agent)", o.get(0), o.get(2), "reading the file written without the agent",
                        "reading the file written with it").assertSame());
    }

    @Test
    void p17_inner_nested_and_local_pooled_classes_with_captured_state() {
        compare("p17-inner", program("inner")).assertSame()
                .expectPooled(P + "inner.Outer$Inner", P + "inner.Outer$Nested", P + "inner.Main$1Local");
    }

    @Test
    void p18_generic_pooled_classes_with_bridges_and_generic_constructors() {
        compare("p18-generics", program("generics")).assertSame()
                .expectPooled(P + "generics.Box", P + "generics.IntBox", P + "generics.Pair");
    }

    @Test
    void p19_wide_many_and_varargs_constructor_arguments_and_new_under_wide_stack_values() {
        compare("p19-wideargs", program("wideargs")).assertSame()
                .expectPooled(P + "wideargs.Vec", P + "wideargs.Poly");
    }

    @Test
    void p20_constructors_with_loops_handlers_finally_and_early_return() {
        compare("p20-ctorflow", program("ctorflow")).assertSame()
                .expectPooled(P + "ctorflow.Parser");
    }

    @Test
    void p21_switches_in_constructors_and_switch_expressions_as_arguments() {
        compare("p21-ctorswitch", program("ctorswitch")).assertSame()
                .expectPooled(P + "ctorswitch.Item");
    }

    @Test
    void p22_new_nested_in_arguments_conditionals_arrays_and_super_arguments() {
        compare("p22-ternarynew", program("ternarynew")).assertSame()
                .expectPooled(P + "ternarynew.A", P + "ternarynew.B", P + "ternarynew.C", P + "ternarynew.SubA");
    }

    @Test
    void p23_new_in_lambdas_initialisers_enum_constants_and_interface_methods() {
        compare("p23-lambdanew", program("lambdanew")).assertSame()
                .expectPooled(P + "lambdanew.Token");
    }

    @Test
    void p24_this_chains_with_computations_and_allocations_in_the_arguments() {
        compare("p24-thischain", program("thischain")).assertSame()
                .expectPooled(P + "thischain.Node");
    }

    @Test
    void p25_monitors_on_pooled_instances() {
        compare("p25-syncs", program("syncs")).assertSame()
                .expectPooled(P + "syncs.Account");
    }

    @Test
    void p26_initialiser_order_throwing_initialisers_and_overrides_called_from_super() {
        compare("p26-fieldinit", program("fieldinit")).assertSame()
                .expectPooled(P + "fieldinit.Ordered", P + "fieldinit.Base", P + "fieldinit.Derived");
    }

    @Test
    void p27_three_level_pooled_inheritance_with_on_release_and_retained() {
        compare("p27-chain3", program("chain3")).assertSame()
                .expectPooled(P + "chain3.Vehicle", P + "chain3.Car", P + "chain3.Taxi");
    }

    @Test
    void p28_allocation_from_interface_static_private_and_default_methods() {
        compare("p28-ifacestatic", program("ifacestatic")).assertSame()
                .expectPooled(P + "ifacestatic.Rect", P + "ifacestatic.Disc");
    }

    @Test
    void p29_clone_of_pooled_objects() {
        compare("p29-cloning", program("cloning")).assertSame()
                .expectPooled(P + "cloning.Sheet", P + "cloning.Book");
    }

    @Test
    void p30_pooled_objects_as_hash_keys_with_released_lookup_probes() {
        compare("p30-hashing", program("hashing")).assertSame()
                .expectPooled(P + "hashing.Key", P + "hashing.Ident");
    }

    @Test
    void p31_two_threads_allocate_and_release_on_a_fixed_schedule() {
        compare("p31-threads", program("threads")).assertSame()
                .expectPooled(P + "threads.Msg");
    }

    @Test
    void p32_serializable_pooled_classes_round_trip_with_hooks_and_proxies() {
        compare("p32-serialround", program("serialround")).assertSame()
                .expectPooled(P + "serialround.Person", P + "serialround.Level", P + "serialround.Point");
    }

    @Test
    void p33_instances_made_by_reflection_and_method_handles_released_into_the_pool() {
        compare("p33-reflectalloc", program("reflectalloc")).assertSame()
                .expectPooled(P + "reflectalloc.Gear");
    }

    @Test
    void p34_pooled_tasks_exceptions_and_a_refused_pooled_exception() {
        compare("p34-exceptions", program("exceptions")).assertSame()
                .expectPooled(P + "exceptions.Task")
                .expectNotPooled(P + "exceptions.Failure");
    }

    @Test
    void p35_members_named_like_the_enhancers_own() {
        // A class that already declares members named like the generated ones ($dp$...) is refused
        // with its reason (its own members win; renaming them pools it) and behaves as without the agent.
        Pair r = compare("p35-names", program("names")).assertSame().expectNotPooled(P + "names.Odd");
        assertTrue(r.agent.err.contains("not pooling " + P + "names.Odd: it declares a member named $dp$"), r.agent.err);
    }

    /** {@code Lookup.defineClass} and {@code Lookup.defineHiddenClass} of classes allocating a pooled class. */
    @Test
    void p36_classes_defined_through_lookup_and_as_hidden_classes() {
        Path out = Differential.WORK.resolve("defined-classes");
        Differential.freshDir("defined-classes");
        Differential.javac("defined", out, "-cp", Differential.testClassPath());
        compare("p36-defined", program("defined").args(out.toString())).assertSame().expectPooled(P + "defined.Part");
    }

    /**
     * Class files written with ASM ({@link dev.dragonpool.programs.oldbytecode.Generate}): version
     * 48 with jsr/ret and no frames, uninitialised objects in locals, dup_x1/swap around new; the
     * pooled class is a third-party-like class named by {@code pool=}.
     */
    @Test
    void p37_old_class_files_and_unusual_new_shapes_pooled_by_option() throws Exception {
        Path gen = Differential.freshDir("oldbytecode-classes");
        dev.dragonpool.programs.oldbytecode.Generate.write(gen);
        Fork plain = program("oldbytecode").classPath(Differential.testClassPath() + File.pathSeparator + gen);
        compare("p37-oldbytecode", plain, plain.withAgent("pool=" + P + "oldbytecode.gen.*Thing")).assertSame()
                .expectPooled(P + "oldbytecode.gen.OldThing");
    }

    @Test
    void p38_first_use_of_pooled_classes_races_between_eight_threads() {
        compare("p38-parallelinit", program("parallelinit")).assertSame()
                .expectPooled(P + "parallelinit.P1", P + "parallelinit.P2", P + "parallelinit.P3", P + "parallelinit.P4",
                        P + "parallelinit.P5", P + "parallelinit.P6");
    }

    @Test
    void p39_private_constructors_of_pooled_nest_members() {
        compare("p39-nestmates", program("nestmates")).assertSame()
                .expectPooled(P + "nestmates.Outer$A", P + "nestmates.Outer$B", P + "nestmates.Outer$C");
    }
}
