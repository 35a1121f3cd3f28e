package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.agent.transform.Glob;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The agent's messages as pure functions: every refusal reason the decider gives gets the fix
 * that goes with it, bad options say what is expected, a message is always one line, and the
 * {@code pool=} globs that matched nothing are found from the loaded classes and the refusals.
 * The forked-JVM side is {@link AgentDiagnosticsIT}.
 */
class AgentMessagesTest {
    @Test
    void every_refusal_reason_gets_its_fix() {
        assertEquals("not pooling a.R: record (records cannot be pooled: their fields are final by definition; pool a class"
                + " instead)", PoolTransformer.refusalLine("a.R", "record"));
        assertTrue(PoolTransformer.fix("enum").contains("remove @Pooled or narrow the pool= glob"));
        assertTrue(PoolTransformer.fix("interface").contains("pool the concrete classes that implement it"));
        assertTrue(PoolTransformer.fix("annotation type").contains("pool the concrete classes"));
        assertTrue(PoolTransformer.fix("abstract class").contains("annotate its concrete subclasses @Pooled"));
        assertTrue(PoolTransformer.fix("superclass a.S is not pooled and has instance state (field x)")
                .contains("pool the superclass too"));
        assertTrue(PoolTransformer.fix("superclass a.S is not pooled and its constructor ()V does more than delegate")
                .contains("make its constructors only call super(...)"));
        assertTrue(PoolTransformer.fix("superclass a.S is not pooled and has no accessible no-argument constructor")
                .contains("give the superclass a public or protected no-argument constructor"));
        assertTrue(PoolTransformer.fix("superclass a.S is not pooled and its class file cannot be read")
                .contains("readable through the class loader's resources"));
        assertTrue(PoolTransformer.fix("already loaded before the agent could enhance it").contains("-javaagent"));
        assertTrue(PoolTransformer.fix("excluded by the exclude= option").contains("remove it from exclude="));
        assertTrue(PoolTransformer.fix("class file version 49 is older than Java 6 (no stack map frames)")
                .contains("recompile it for Java 6 or later"));
        // The reason already says what to do: no second hint.
        assertNull(PoolTransformer.fix("it declares a member named $dp$x, a name the agent's generated members use"
                + " (rename the member to pool the class)"));
    }

    @Test
    void namespaced_dragonpool_properties_are_not_agent_options() {
        Properties p = new Properties();
        p.setProperty("dragonpool.reclaim.periodMillis", "50"); // read by the runtime's reclaimer
        p.setProperty("dragonpool.agent.jar", "x.jar"); // a tool's own setting
        p.setProperty("dragonpool.guard", "full");
        AgentConfig c = AgentConfig.parse(null, p);
        assertEquals(List.of(), c.problems);
        assertEquals("full", c.guard);
    }

    @Test
    void bad_options_say_what_is_expected() {
        AgentConfig c = AgentConfig.parse("pool=com/acme/Order,nokey,leaks=always,guard=maybe", new Properties());
        assertEquals(List.of(
                "option 'nokey', which is not key=value (write options as key=value, separated by commas)",
                "option pool=com/acme/Order: bad class-name glob 'com/acme/Order': character '/' cannot occur in a class"
                        + " name; write binary class names with dots (com.acme.Order, com.acme.Outer$Line), * ** or ?,"
                        + " separated by ; or :",
                "option leaks=always: expected one of off|sample|paranoid",
                "option guard=maybe: expected one of off|full"), c.problems);
    }

    @Test
    void a_message_is_always_one_line() {
        assertEquals("cannot transform a.B: java.lang.Error: first second", AgentLog.oneLine("cannot transform a.B: java.lang.Error: first\r\nsecond"));
        assertEquals("plain", AgentLog.oneLine("plain"));
    }

    @Test
    void pool_globs_that_matched_no_loaded_or_refused_class_are_found() {
        List<Glob> pool = Glob.parseList("java.lang.String;com.acme.Gone;com.acme.refused.*;com.nowhere.**");
        List<Glob> left = Installer.unmatched(pool, new Class<?>[] {String.class, int.class, String[].class},
                List.of("com.acme.refused.Tag"));
        assertEquals("[com.acme.Gone, com.nowhere.**]", left.toString());
        assertEquals("pool=com.acme.Gone: no class of that name was loaded by this JVM, so it pooled nothing; check the"
                + " name (binary names with dots and $ for nested classes, e.g. com.acme.Order or com.acme.Outer$Line;"
                + " * matches within a package, ** across packages)", Installer.unmatchedLine(left.get(0)));
        assertTrue(Installer.unmatchedLine(left.get(1)).startsWith("pool=com.nowhere.** matched no class this JVM loaded, so"));
    }

    @Test
    void kinds_a_wildcard_glob_sweeps_in_are_one_warning_then_debug_lines() {
        List<Glob> pool = Glob.parseList("com.acme.**;com.acme.api.Exact");
        assertTrue(PoolTransformer.swept(pool, "com.acme.api.Handler", "interface"));
        assertTrue(PoolTransformer.swept(pool, "com.acme.Kind", "enum"));
        assertTrue(!PoolTransformer.swept(pool, "com.acme.api.Exact", "interface"), "named exactly: meant, a warning");
        assertTrue(!PoolTransformer.swept(pool, "com.acme.Bag", "superclass java.util.ArrayList is not pooled and has"
                + " instance state (field size)"), "a concrete class refused for its superclass: a warning");
        assertTrue(!PoolTransformer.swept(pool, "org.other.Rec", "record"), "annotated, no glob: a warning");
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            AgentLog.level("info");
            PoolTransformer.refused("com.acme.api.Handler", "interface", true);
            PoolTransformer.refused("com.acme.Kind", "enum", true);
            AgentLog.level("debug");
            PoolTransformer.refused("com.acme.Other", "abstract class", true);
        } finally {
            System.setErr(err);
            AgentLog.level("info");
        }
        List<String> lines = buf.toString(java.nio.charset.StandardCharsets.UTF_8).lines().collect(java.util.stream.Collectors.toList());
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("dragonpool: not pooling com.acme.api.Handler: interface (it has no instances of its own; pool the"
                + " concrete classes that implement it); further interfaces, abstract classes, enums and records that"
                + " wildcard pool= globs match are refused without a line (log=debug lists them, JMX Agent.RefusedClasses"
                + " has them)", lines.get(0));
        assertTrue(lines.get(1).startsWith("dragonpool: not pooling com.acme.Other: abstract class ("), lines.get(1));
        assertEquals("enum", dev.dragonpool.runtime.internal.agent.AgentCounters.refusal("com.acme.Kind"), "still counted");
    }
}
