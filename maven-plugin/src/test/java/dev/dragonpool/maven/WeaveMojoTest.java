package dev.dragonpool.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dragonpool.annotations.Pooled;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals' own logic without a Maven build (PluginIT runs them in one): parameters to options,
 * skip, a missing folder, the failure on refused classes, a bad parameter.
 */
class WeaveMojoTest {
    @TempDir
    Path tmp;

    static String annotations() throws Exception {
        return Paths.get(Pooled.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Compiles a pooled class and a refused one (a record) into a fresh class folder. */
    Path classes() throws Exception {
        Path src = tmp.resolve("src/p");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Item.java"), "package p; @dev.dragonpool.annotations.Pooled public class Item {"
                + " int n; public Item(int n) { this.n = n; } public static Item make() { return new Item(1); } }");
        Files.writeString(src.resolve("Tag.java"), "package p; @dev.dragonpool.annotations.Pooled public record Tag(String s) { }");
        Path out = tmp.resolve("classes");
        Files.createDirectories(out);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", out.toString(),
                "-cp", annotations(), src.resolve("Item.java").toString(), src.resolve("Tag.java").toString()));
        return out;
    }

    WeaveMojo mojo(Path classes) throws Exception {
        WeaveMojo m = new WeaveMojo();
        m.classesDirectory = classes.toFile();
        m.report = tmp.resolve("target/dragonpool-weave.json").toFile();
        m.compileClasspathElements = new ArrayList<>(List.of(classes.toString(), annotations()));
        m.runtimeClasspathElements = new ArrayList<>(m.compileClasspathElements);
        m.guard = "off";
        m.verify = true;
        return m;
    }

    @Test
    void weaves_in_place_and_writes_the_report() throws Exception {
        Path classes = classes();
        WeaveMojo m = mojo(classes);
        m.execute();
        String json = Files.readString(m.report.toPath());
        assertTrue(json.contains("\"enhanced\": [\n    \"p.Item\"\n  ]"), json);
        assertTrue(json.contains("\"reason\": \"record\""), json);
        assertTrue(new String(Files.readAllBytes(classes.resolve("p/Item.class")), "ISO-8859-1").contains("Ldev/dragonpool/internal/Woven;"));
    }

    @Test
    void fail_on_refused_names_the_classes_and_what_to_do() throws Exception {
        WeaveMojo m = mojo(classes());
        m.failOnRefused = true;
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertEquals("dragonpool: 1 class(es) asked to be pooled were refused (failOnRefused=true): p.Tag: record."
                + " Change them, or exclude them with <exclude>", e.getMessage());
    }

    @Test
    void a_bad_parameter_fails_with_its_name() throws Exception {
        WeaveMojo m = mojo(classes());
        m.guard = "sometimes";
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertEquals("dragonpool: option guard=sometimes: expected off or full (in the plugin's configuration)", e.getMessage());
    }

    @Test
    void skip_and_a_missing_folder_do_nothing() throws Exception {
        Path classes = classes();
        byte[] before = Files.readAllBytes(classes.resolve("p/Item.class"));
        WeaveMojo m = mojo(classes);
        m.skip = true;
        m.execute();
        assertEquals(new String(before, "ISO-8859-1"), new String(Files.readAllBytes(classes.resolve("p/Item.class")), "ISO-8859-1"));
        assertFalse(m.report.exists());
        WeaveMojo none = mojo(tmp.resolve("no-such-folder"));
        none.execute();
        assertFalse(none.report.exists());
        assertFalse(new File(tmp.toFile(), "no-such-folder").exists());
    }
}
