package dev.dragonpool.agent;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dragonpool.agent.Differential.Fork;
import dev.dragonpool.agent.Differential.Outcome;
import dev.dragonpool.agent.Differential.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Seeded-bug suite: guard mode and leak tracking must report every planted pooling bug and none
 * of their correct twins. Each test takes one package of {@code dev.dragonpool.seeded} (a
 * {@code Bug} main with one planted bug, a {@code Twin} main of the same shape without it) and
 * runs four forked JVMs at once ({@code -Xverify:all}, see {@link Differential}): {@code Bug} and
 * {@code Twin} without the agent and with
 * {@code -javaagent:dragonpool-agent.jar=}{@value #OPTIONS}. It asserts:
 * <ul>
 * <li>{@code Bug} without the agent runs to exit 0 and reports nothing (the bug is silent: only
 * the agent can find it);</li>
 * <li>{@code Bug} with the agent exits 0 and its output holds the expected report: a
 * {@code UseAfterReleaseException} whose message starts {@code use after release: } and names the
 * class, the member and {@code released at <the releasing method>}, thrown in the method that
 * made the faulty use; an {@code IllegalStateException} starting
 * {@code double release of an instance of <class>: it was already released at <first site>},
 * thrown in the method of the second release; or a {@code LEAK} line naming the class and the
 * acquisition site;</li>
 * <li>{@code Twin} with the agent reports nothing (no use after release, no double release, no
 * {@code LEAK} on stdout or stderr), and prints the same as without the agent;</li>
 * <li>the probed classes are pooled under the agent (a report-free run proves nothing
 * otherwise).</li>
 * </ul>
 * Programs print reports through {@code dev.dragonpool.seeded.Report}: the exception's simple
 * name, the first line of its message with line numbers and identity hash codes removed, and
 * {@code | thrown in <program class>.<method>}. Every run's stdout and stderr stay in
 * {@code target/programs/logs/seeded-*}.
 *
 * <p>One test alone: {@code mvn -pl agent -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test='SeededBugsIT#bug5*'}.
 */
class SeededBugsIT {
    static final String OPTIONS = "guard=full,leaks=paranoid";
    static final String S = "dev.dragonpool.seeded.";
    /** Text that only a report contains: none may appear in a twin's run, nor in a bug's run without the agent. */
    static final List<String> REPORTS = List.of("UseAfterReleaseException", "use after release: ", "double release of", "LEAK");

    /** The four runs of one seeded package. */
    static final class Runs {
        final String pkg;
        final Outcome bugPlain;
        final Outcome bugAgent;
        final Outcome twinPlain;
        final Outcome twinAgent;

        Runs(String pkg, List<Outcome> o) {
            this.pkg = pkg;
            this.bugPlain = o.get(0);
            this.bugAgent = o.get(1);
            this.twinPlain = o.get(2);
            this.twinAgent = o.get(3);
        }
    }

    static Runs run(String pkg) {
        Fork bug = new Fork(S + pkg + ".Bug");
        Fork twin = new Fork(S + pkg + ".Twin");
        String l = "seeded-" + pkg;
        return new Runs(pkg, Differential.runAll(List.of(l + "-bug-plain", l + "-bug-agent", l + "-twin-plain", l + "-twin-agent"),
                List.of(bug, bug.withAgent(OPTIONS), twin, twin.withAgent(OPTIONS))));
    }

    /**
     * Asserts everything the class comment lists; {@code report} checks the bug's run under the
     * agent. {@code pooled} are simple names of classes in the package.
     */
    static void check(Runs r, Runnable report, String... pooled) {
        String[] classes = new String[pooled.length];
        for (int i = 0; i < pooled.length; i++) {
            classes[i] = S + r.pkg + "." + pooled[i];
        }
        assertAll(
                () -> {
                    if (r.bugPlain.timedOut || r.bugPlain.status != 0) {
                        fail("seeded program " + r.pkg + ".Bug is broken WITHOUT the agent (fix the program):\n" + r.bugPlain.describe());
                    }
                    assertNoReport(r.bugPlain, "the seeded bug of " + r.pkg + ".Bug must be silent without the agent");
                },
                report::run,
                () -> new Pair("seeded " + r.pkg + ".Bug", r.bugPlain, r.bugAgent).expectPooled(classes),
                () -> assertNoReport(r.twinAgent, r.pkg + ".Twin is correct: guard=full and leaks=paranoid must report nothing"),
                () -> new Pair("seeded " + r.pkg + ".Twin (" + OPTIONS + ")", r.twinPlain, r.twinAgent).assertSame().expectPooled(classes));
    }

    static void assertNoReport(Outcome o, String why) {
        List<String> found = new ArrayList<>();
        for (String line : (o.out + o.err).lines().collect(Collectors.toList())) {
            for (String r : REPORTS) {
                if (line.contains(r)) {
                    found.add(line);
                    break;
                }
            }
        }
        if (!found.isEmpty()) {
            fail(why + "; it reported:\n" + Differential.indent(String.join("\n", found)) + o.describe());
        }
    }

    /**
     * Fails unless the run under the agent exited 0 and printed a line starting with
     * {@code prefix} that contains each of {@code parts} in order.
     */
    static void assertLine(Outcome o, String what, String prefix, String... parts) {
        assertLine(o, what, prefix, line -> true, null, parts);
    }

    /**
     * {@link #assertLine(Outcome, String, String, String...)} where the line must also pass
     * {@code also}, which {@code alsoSays} describes.
     */
    static void assertLine(Outcome o, String what, String prefix, Predicate<String> also, String alsoSays, String... parts) {
        if (o.timedOut || o.status != 0) {
            fail("seeded bug not reported (" + what + "): the program did not exit 0 under the agent\n" + o.describe());
        }
        for (String line : o.out.lines().collect(Collectors.toList())) {
            if (line.startsWith(prefix) && containsInOrder(line, parts) && also.test(line)) {
                return;
            }
        }
        fail("seeded bug not reported (" + what + "): expected a stdout line starting with\n  " + prefix + "\nand containing, in order,\n"
                + Differential.indent((alsoSays == null ? "" : alsoSays + "\n") + String.join("\n", parts)) + o.describe());
    }

    static boolean containsInOrder(String line, String... parts) {
        int at = 0;
        for (String p : parts) {
            int i = line.indexOf(p, at);
            if (i < 0) {
                return false;
            }
            at = i + p.length();
        }
        return true;
    }

    /** The report of a use after release: exception, class, member, release site, then where it was thrown. */
    static void assertUseAfterRelease(Runs r, String what, String label, String cls, String member, String releasedIn,
            String usedIn) {
        String p = S + r.pkg + ".";
        String prefix = label + ": UseAfterReleaseException: use after release: ";
        String site = "released at " + p + "Bug." + releasedIn + "(";
        Pattern names = Pattern.compile("\\b" + Pattern.quote(member) + "\\b");
        assertLine(r.bugAgent, what, prefix, line -> {
            int at = line.indexOf(site);
            String head = at < 0 ? "" : line.substring(prefix.length(), at);
            return head.contains(p + cls) && names.matcher(head).find();
        }, "the class " + p + cls + " and the member " + member + " before", site, "| thrown in " + p + "Bug." + usedIn);
    }

    /** The report of a double release: the first release's site in the message, thrown at the second. */
    static void assertDoubleRelease(Runs r, String what, String label, String cls, String firstIn, String secondIn) {
        String p = S + r.pkg + ".";
        assertLine(r.bugAgent, what, label + ": IllegalStateException: double release of an instance of " + p + cls
                + ": it was already released at " + p + "Bug." + firstIn + "(", "| thrown in " + p + "Bug." + secondIn);
    }

    @Test
    void bug1_use_after_release_through_a_method_call_on_the_same_thread() {
        Runs r = run("methodcall");
        check(r, () -> assertUseAfterRelease(r, "Order.total() called after Pooling.release", "reread after checkout",
                "Order", "total", "checkout", "reread"), "Order");
    }

    @Test
    void bug2_use_after_release_on_another_thread_than_the_release() {
        Runs r = run("otherthread");
        check(r, () -> {
            assertLine(r.bugAgent, "thread A's release itself is correct", "thread A: A finished resize x4 ok");
            assertUseAfterRelease(r, "Job.describe() on thread B after thread A released it", "thread B", "Job", "describe",
                    "finish", "inspect");
        }, "Job");
    }

    @Test
    void bug3_field_read_of_a_released_instance_from_another_class() {
        Runs r = run("fieldread");
        check(r, () -> assertUseAfterRelease(r, "getfield Quote.price in Bug after release", "field read after release",
                "Quote", "price", "settle", "audit"), "Quote");
    }

    @Test
    void bug4_field_write_to_a_released_instance_from_another_class() {
        Runs r = run("fieldwrite");
        check(r, () -> assertUseAfterRelease(r, "putfield Quote.price in Bug after release", "field write after release",
                "Quote", "price", "settle", "reprice"), "Quote");
    }

    /** The stale reference must be reported even though eight later {@code new Session} ran meanwhile. */
    @Test
    void bug5_stale_reference_used_after_later_news_of_the_same_class() {
        Runs r = run("stale");
        check(r, () -> {
            assertUseAfterRelease(r, "Session.user() through a reference kept across release and 8 new Session(..)",
                    "stale reference", "Session", "user", "logout", "owner");
            assertLine(r.bugAgent, "the later sessions must be intact", "live sessions: user0 user1 user2 user3 user4 user5 user6 user7");
        }, "Session");
    }

    @Test
    void bug6_double_release_through_pooling_release_twice() {
        Runs r = run("doublerelease");
        check(r, () -> assertDoubleRelease(r, "Pooling.release twice", "dispatch", "Packet", "consume", "dispatch"),
                "Packet");
    }

    /** Reported as a double release naming the first close's caller, never as a use after release. */
    @Test
    void bug6_double_release_through_a_release_close_called_twice() {
        Runs r = run("doubleclose");
        check(r, () -> assertDoubleRelease(r, "@Release close() twice (explicitly, then by try-with-resources)", "talk",
                "Channel", "finish", "talk"), "Channel");
    }

    @Test
    void bug7_release_inside_a_loop_that_keeps_using_the_object() {
        Runs r = run("loop");
        check(r, () -> {
            assertUseAfterRelease(r, "Batch.add on the second iteration after the first released it", "release in loop",
                    "Batch", "add", "process", "use");
            assertLine(r.bugAgent, "only the first iteration may complete", "processed: 1 records, sum 3");
        }, "Batch");
    }

    /**
     * Leaked instances collected by the GC, reported under leaks=paranoid with the acquisition
     * site. The program acquires nothing after the collection and then exits, so the report must
     * come at the latest at JVM exit.
     */
    @Test
    void bug8_leak_of_instances_acquired_and_never_released() {
        Runs r = run("leak");
        check(r, () -> {
            Outcome o = r.bugAgent;
            if (o.timedOut || o.status != 0) {
                fail("seeded leak not reported: the program did not exit 0 under the agent\n" + o.describe());
            }
            if (!o.out.contains("collected true")) {
                fail("the leak program could not make the collector run; the check proves nothing:\n" + o.describe());
            }
            String cls = S + "leak.Buffer";
            String site = S + "leak.Bug.fill(";
            boolean reported = (o.out + o.err).lines().anyMatch(l -> l.contains("LEAK") && l.contains(cls) && l.contains(site));
            if (!reported) {
                fail("seeded leak not reported: 64 instances of " + cls + " acquired in " + site + "..) were never released and "
                        + "were collected; under leaks=paranoid a line with LEAK, the class and the acquisition site is expected "
                        + "by JVM exit\n" + o.describe());
            }
        }, "Buffer");
    }
}
