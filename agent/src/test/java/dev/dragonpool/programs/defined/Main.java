package dev.dragonpool.programs.defined;

import dev.dragonpool.programs.Probe;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.IntFunction;

/**
 * Classes allocating a pooled class, defined at run time from bytes (compiled at test time into
 * the directory given as the argument): one with {@code Lookup.defineClass}, one as a hidden class.
 */
public final class Main {
    private Main() {
    }

    static byte[] read(String dir, String simpleName) {
        try {
            Path p = Paths.get(dir, "dev", "dragonpool", "programs", "defined", simpleName + ".class");
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) {
        Probe.section("Lookup.defineClass", () -> {
            try {
                Class<?> c = MethodHandles.lookup().defineClass(read(args[0], "Maker"));
                IntFunction<String> f = (IntFunction<String>) c.getDeclaredConstructor().newInstance();
                for (int i = 0; i < 3; i++) {
                    System.out.println("defined " + f.apply(i));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        Probe.section("Lookup.defineHiddenClass", () -> {
            try {
                MethodHandles.Lookup h = MethodHandles.lookup().defineHiddenClass(read(args[0], "HiddenMaker"), true);
                IntFunction<String> f = (IntFunction<String>) h.lookupClass().getDeclaredConstructor().newInstance();
                System.out.println("hidden class is hidden " + h.lookupClass().isHidden());
                for (int i = 0; i < 3; i++) {
                    System.out.println("hidden " + f.apply(i));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.println("plain " + new Part("plain"));
        Probe.pooled(Part.class);
    }
}
