package dev.dragonpool.programs.stacks;

import dev.dragonpool.programs.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stack traces through pooled constructors: the frames an exception carries, and what
 * StackWalker sees from inside a constructor. Names and line numbers are printed separately so
 * the diff says which changed.
 */
public final class Main {
    private Main() {
    }

    static int parse(String s) {
        return Integer.parseInt(s);
    }

    /** Frames from the top down to (and including) main. */
    static String frames(Stream<String> s) {
        List<String> out = new ArrayList<>();
        for (String f : (Iterable<String>) s::iterator) {
            if (f.startsWith("java.") || f.startsWith("jdk.")) {
                continue;
            }
            out.add(f);
            if (f.contains(".main:")) {
                break;
            }
        }
        return String.join(" <- ", out);
    }

    static void print(String what, Throwable e) {
        List<StackTraceElement> st = List.of(e.getStackTrace());
        String names = frames(st.stream().map(f -> f.getClassName() + "." + f.getMethodName() + ":"))
                .replace(":", "");
        String lines = frames(st.stream().map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber()));
        System.out.println(what + ": " + e);
        System.out.println("  names: " + names);
        System.out.println("  lines: " + lines);
        System.out.println("  files: " + st.stream().filter(f -> f.getClassName().startsWith("dev."))
                .map(f -> String.valueOf(f.getFileName())).distinct().collect(Collectors.toList()));
    }

    static Bomb build(int fuse) {
        return new Bomb(fuse);
    }

    public static void main(String[] args) {
        Bomb ok = build(5);
        System.out.println("constructed fuse " + ok.fuse);
        System.out.println("  caller class seen in the constructor: " + Bomb.callerSeen);
        System.out.println("  frames seen in the constructor: " + Bomb.framesSeen);
        try {
            build(-1);
        } catch (IllegalArgumentException e) {
            print("constructor threw", e);
        }
        try {
            new Bomb(0);
        } catch (IllegalStateException e) {
            print("helper of the constructor threw", e);
        }
        try {
            new Fuse();
        } catch (NumberFormatException e) {
            print("field initialiser threw", e);
        }
        Probe.pooled(Bomb.class, Fuse.class);
    }
}
