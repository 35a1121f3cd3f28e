package dev.dragonpool.bench.startup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Generates the applications of the start-up benchmark ({@link StartupBench}) as Java sources,
 * compiles them with the running JDK's {@code javac} ({@code --release 17}, so JDK 17 and 25 run
 * the same class files) and packs each into a jar; nothing generated is committed. Three shapes:
 *
 * <ul>
 *   <li>{@code hello}: a hello world, the floor: what loading any {@code -javaagent} costs.
 *   <li>{@code classes}: {@code app.Main} calls {@code C0000.make(s)} ... {@code C1999.make(s)}:
 *       {@code classes} small classes, each loaded once and allocating itself once from its own
 *       static method; every {@code classes / pooled}-th one is {@code @Pooled}. Under the agent
 *       each class load is one constant-pool scan, the pooled ones are enhanced and their one
 *       allocation site rewritten.
 *   <li>{@code bigmain}: the same allocations written in one big {@code main}, each into a local
 *       variable of its own ({@code D0042 o0042 = new D0042(s); s = o0042.v + 42;}), of classes
 *       {@code D0000} ... {@code D1999} that have no method but their constructor. Under the agent
 *       {@code main} is analysed as one method with {@code classes} allocations, {@code pooled} of
 *       them rewritten, and {@code classes} locals.
 * </ul>
 *
 * Every application prints one line, {@code SHAPE classes N pooled P sum S}, where {@code S} is
 * the sum of the class numbers: the runner checks it, so a broken application cannot pass for a
 * fast one. The jars refer to {@code annotations.jar} (the {@code @Pooled} annotation and
 * {@code Pooling}, copied from this program's class path) through their manifest's
 * {@code Class-Path}, as an application's dependency would be.
 */
public final class StartupApps {
  /** The shapes, in the order the runner measures them. */
  public static final List<String> SHAPES = List.of("hello", "classes", "bigmain");

  private static final String[] ANNOTATION_CLASSES = {
    "dev/dragonpool/Pooling.class",
    "dev/dragonpool/annotations/Pooled.class",
    "dev/dragonpool/annotations/Pooled$LimitPolicy.class",
    "dev/dragonpool/annotations/Retained.class",
    "dev/dragonpool/annotations/OnRelease.class",
    "dev/dragonpool/annotations/Release.class",
  };

  private final int classes;
  private final int pooled;

  /**
   * Describes the applications to generate.
   *
   * @param classes small classes per application (2,000 in the benchmark)
   * @param pooled how many of them are {@code @Pooled} (20 in the benchmark), spread evenly
   */
  public StartupApps(int classes, int pooled) {
    if (classes < 1 || classes > 9999) {
      throw new IllegalArgumentException("classes must be 1 to 9999 (four-digit names), got " + classes);
    }
    if (pooled < 0 || pooled > classes) {
      throw new IllegalArgumentException("pooled must be 0 to classes (" + classes + "), got " + pooled);
    }
    this.classes = classes;
    this.pooled = pooled;
  }

  /**
   * Whether class {@code i} is {@code @Pooled}: every {@code classes / pooled}-th, starting at 0.
   *
   * @param i class number
   * @return true for the pooled ones
   */
  boolean isPooled(int i) {
    if (pooled == 0) {
      return false;
    }
    int step = classes / pooled;
    return i % step == 0 && i / step < pooled;
  }

  /**
   * The line application {@code shape} prints when it works.
   *
   * @param shape one of {@link #SHAPES}
   * @return the expected output line
   */
  public String expectedOutput(String shape) {
    if (shape.equals("hello")) {
      return "hello";
    }
    long sum = (long) classes * (classes - 1) / 2;
    return shape + " classes " + classes + " pooled " + pooled + " sum " + sum;
  }

  /** The main class of each shape's jar. */
  static String mainClass(String shape) {
    return shape.equals("hello") ? "app.Hello" : "app.Main";
  }

  /**
   * Writes, compiles and packs every shape into {@code dir} ({@code dir/SHAPE.jar} and
   * {@code dir/annotations.jar}); the sources and class files stay in {@code dir/work} for
   * inspection.
   *
   * @param dir output folder, created if missing; previous output of the same name is replaced
   * @throws IOException when a file cannot be written
   * @throws IllegalStateException when this JVM has no compiler or compilation fails
   */
  public void generate(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path annotations = dir.resolve("annotations.jar");
    writeAnnotationsJar(annotations);
    for (String shape : SHAPES) {
      Path work = dir.resolve("work").resolve(shape);
      deleteTree(work);
      Path src = work.resolve("src");
      Path out = work.resolve("classes");
      Files.createDirectories(src.resolve("app"));
      Files.createDirectories(out);
      List<Path> files = new ArrayList<>();
      switch (shape) {
        case "hello":
          files.add(write(src, "Hello", hello()));
          break;
        case "classes":
          for (int i = 0; i < classes; i++) {
            files.add(write(src, "C" + num(i), selfAllocating(i)));
          }
          files.add(write(src, "Main", classesMain()));
          break;
        case "bigmain":
          for (int i = 0; i < classes; i++) {
            files.add(write(src, "D" + num(i), plainClass(i)));
          }
          files.add(write(src, "Main", bigMain()));
          break;
        default:
          throw new IllegalStateException("unknown shape " + shape);
      }
      compile(files, out, annotations);
      jar(out, dir.resolve(shape + ".jar"), mainClass(shape));
    }
  }

  static String num(int i) {
    return String.format("%04d", i);
  }

  private static Path write(Path src, String name, String text) throws IOException {
    Path f = src.resolve("app").resolve(name + ".java");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private String header(int i) {
    return "package app;\n\n" + (isPooled(i) ? "@dev.dragonpool.annotations.Pooled\n" : "");
  }

  String hello() {
    return "package app;\n\npublic class Hello {\n"
        + "  public static void main(String[] args) {\n    System.out.println(\"hello\");\n  }\n}\n";
  }

  String selfAllocating(int i) {
    String n = "C" + num(i);
    return header(i)
        + "public class " + n + " {\n"
        + "  long v;\n\n"
        + "  public " + n + "(long v) {\n    this.v = v;\n  }\n\n"
        + "  public static long make(long s) {\n"
        + "    " + n + " o = new " + n + "(s);\n"
        + "    return o.v + " + i + ";\n"
        + "  }\n}\n";
  }

  String classesMain() {
    StringBuilder sb = new StringBuilder("package app;\n\npublic class Main {\n");
    sb.append("  public static void main(String[] args) {\n    long s = 0;\n");
    for (int i = 0; i < classes; i++) {
      sb.append("    s = C").append(num(i)).append(".make(s);\n");
    }
    sb.append("    System.out.println(\"classes classes ").append(classes).append(" pooled ")
        .append(pooled).append(" sum \" + s);\n  }\n}\n");
    return sb.toString();
  }

  String plainClass(int i) {
    String n = "D" + num(i);
    return header(i)
        + "public class " + n + " {\n"
        + "  long v;\n\n"
        + "  public " + n + "(long v) {\n    this.v = v;\n  }\n}\n";
  }

  String bigMain() {
    StringBuilder sb = new StringBuilder("package app;\n\npublic class Main {\n");
    sb.append("  public static void main(String[] args) {\n    long s = 0;\n");
    for (int i = 0; i < classes; i++) {
      String d = "D" + num(i);
      String o = "o" + num(i);
      sb.append("    ").append(d).append(' ').append(o).append(" = new ").append(d).append("(s);\n");
      sb.append("    s = ").append(o).append(".v + ").append(i).append(";\n");
    }
    sb.append("    System.out.println(\"bigmain classes ").append(classes).append(" pooled ")
        .append(pooled).append(" sum \" + s);\n  }\n}\n");
    return sb.toString();
  }

  private static void compile(List<Path> files, Path out, Path annotations) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException(
          "no Java compiler in this JVM (" + System.getProperty("java.home")
              + "): run the start-up benchmark with a JDK, not a JRE");
    }
    List<String> args = new ArrayList<>(List.of(
        "--release", "17", "-proc:none", "-nowarn", "-encoding", "UTF-8",
        "-cp", annotations.toString(), "-d", out.toString()));
    for (Path f : files) {
      args.add(f.toString());
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = javac.run(null, err, err, args.toArray(new String[0]));
    if (rc != 0) {
      throw new IllegalStateException("javac failed (exit " + rc + ") on the generated sources in "
          + out.getParent() + ":\n" + err.toString(StandardCharsets.UTF_8));
    }
  }

  private static void jar(Path classes, Path jar, String main) throws IOException {
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main);
    mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, "annotations.jar");
    List<Path> files;
    try (Stream<Path> s = Files.walk(classes)) {
      files = s.filter(Files::isRegularFile).sorted().collect(java.util.stream.Collectors.toList());
    }
    try (OutputStream o = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(o, mf)) {
      for (Path f : files) {
        j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        j.write(Files.readAllBytes(f));
        j.closeEntry();
      }
    }
  }

  private static void writeAnnotationsJar(Path jar) throws IOException {
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    ClassLoader l = StartupApps.class.getClassLoader();
    try (OutputStream o = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(o, mf)) {
      for (String name : ANNOTATION_CLASSES) {
        try (InputStream in = l.getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException(
                name + " is not on the class path of the start-up benchmark: run it from "
                    + "benchmarks.jar or with dragonpool-annotations on the class path");
          }
          j.putNextEntry(new JarEntry(name));
          j.write(in.readAllBytes());
          j.closeEntry();
        }
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
