package dev.dragonpool.seeded;

import java.util.regex.Pattern;

/**
 * How the seeded-bug programs print what they provoked: {@link #check} runs one step and prints
 * {@code <label>: ok}, or the exception's simple class name and the first line of its message
 * with line numbers and identity hash codes taken out, followed by the frame of the program class
 * that the exception went through ({@code thrown in <class>.<method>}), which is where the
 * faulty use or the second release was. Output is therefore the same from run to run, and a test
 * can look for exact report lines.
 */
public final class Report {
    private static final Pattern LINE = Pattern.compile("\\.java:\\d+\\)");
    private static final Pattern HASH = Pattern.compile("@[0-9a-f]{3,}\\b");

    private Report() {
    }

    /** Runs {@code body} and prints its outcome for {@code label} (see the class comment). */
    public static void check(String label, Class<?> program, Runnable body) {
        try {
            body.run();
            System.out.println(label + ": ok");
        } catch (RuntimeException e) {
            System.out.println(label + ": " + describe(e, program));
        }
    }

    /**
     * The exception as one deterministic line: {@code SimpleName: first message line, normalised
     * | thrown in <frame of program>}.
     */
    public static String describe(Throwable t, Class<?> program) {
        String msg = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        msg = HASH.matcher(LINE.matcher(msg).replaceAll(".java)")).replaceAll("@");
        return t.getClass().getSimpleName() + ": " + msg + " | thrown in " + frameIn(t, program);
    }

    /** The first frame of {@code t} in {@code program}, as {@code class.method}, or {@code nowhere}. */
    static String frameIn(Throwable t, Class<?> program) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(program.getName())) {
                return e.getClassName() + "." + e.getMethodName();
            }
        }
        return "nowhere";
    }
}
