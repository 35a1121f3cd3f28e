package dev.dragonpool.programs.memloader;

import dev.dragonpool.Pooling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A class loader defining a pooled class from bytes in memory; its classes are read from the
 * directory given as the argument (not on the class path) before the loader exists.
 */
public final class Main {
    private Main() {
    }

    static Map<String, byte[]> read(Path dir) {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".").replace(".class", "");
                m.put(name, Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Map<String, byte[]> bytes = read(Paths.get(args[0]));
        System.out.println("classes in memory: " + bytes.keySet());
        MemoryLoader loader = new MemoryLoader(bytes, Main.class.getClassLoader());
        System.out.println("resource visible: " + (loader.getResource("dev/dragonpool/programs/loaded/Widget.class") != null));
        IntFunction<String> user = (IntFunction<String>) loader.loadClass("dev.dragonpool.programs.loaded.WidgetUser")
                .getDeclaredConstructor().newInstance();
        for (int i = 0; i < 4; i++) {
            System.out.println(i + ": " + user.apply(i));
        }
        Class<?> widget = loader.loadClass("dev.dragonpool.programs.loaded.Widget");
        Object reflective = widget.getConstructor(int.class).newInstance(7);
        System.out.println("reflective " + reflective);
        Pooling.release(reflective);
        System.out.println("after releasing a reflective instance: " + user.apply(8));
        System.out.println("loader of widget: " + widget.getClassLoader().getName());
        System.err.println("dragonpool-probe pooled " + widget.getName() + " " + Pooling.isPooled(widget));
    }
}
