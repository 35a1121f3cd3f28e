package dev.dragonpool.programs.unload;

import dev.dragonpool.Pooling;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import javax.management.ObjectName;

/**
 * Class loaders over a pooled class (compiled at test time into the directory given as the second
 * argument, not on the class path). Mode {@code unload}: loaders are created, used (allocate,
 * release, allocate) and dropped; they must become unreachable and be collected. Mode
 * {@code jmx}: two live loaders define same-named pooled classes; prints how many ObjCache beans
 * under {@code dev.dragonpool} name the class (none without the agent, one per loader with it).
 */
public final class Main {
    static final String WIDGET = "dev.dragonpool.programs.loaded.Widget";
    private static URL dir;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        dir = Paths.get(args[1]).toUri().toURL();
        if (args[0].equals("unload")) {
            unload();
        } else {
            jmx();
        }
    }

    /** Uses a fresh loader and returns only a weak reference to it (no stack slot keeps it alive). */
    @SuppressWarnings("unchecked")
    static WeakReference<ClassLoader> useAndDrop(int i) throws Exception {
        URLClassLoader loader = new URLClassLoader("unload" + i, new URL[] {dir}, Main.class.getClassLoader());
        IntFunction<String> user = (IntFunction<String>) loader.loadClass("dev.dragonpool.programs.loaded.WidgetUser")
                .getDeclaredConstructor().newInstance();
        System.out.println("loader " + i + ": " + user.apply(i));
        if (i == 0) {
            Class<?> w = loader.loadClass(WIDGET);
            System.err.println("dragonpool-probe pooled " + WIDGET + " " + Pooling.isPooled(w));
        }
        return new WeakReference<>(loader);
    }

    static void unload() throws Exception {
        List<WeakReference<ClassLoader>> refs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            refs.add(useAndDrop(i));
        }
        boolean cleared = false;
        for (int round = 0; round < 50 && !cleared; round++) {
            System.gc();
            Thread.sleep(20);
            cleared = refs.stream().allMatch(r -> r.get() == null);
        }
        long alive = refs.stream().filter(r -> r.get() != null).count();
        System.out.println("unloaded=" + cleared + " (loaders still reachable: " + alive + " of " + refs.size() + ")");
    }

    static List<String> widgetBeans() throws Exception {
        List<String> beans = new ArrayList<>();
        for (ObjectName n : ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("dev.dragonpool:*"), null)) {
            if (n.toString().contains(WIDGET) && "ObjCache".equals(n.getKeyProperty("type"))) {
                beans.add(n.toString());
            }
        }
        beans.sort(null);
        return beans;
    }

    @SuppressWarnings("unchecked")
    static void jmx() throws Exception {
        List<URLClassLoader> live = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            URLClassLoader loader = new URLClassLoader("jmx" + i, new URL[] {dir}, Main.class.getClassLoader());
            live.add(loader);
            IntFunction<String> user = (IntFunction<String>) loader.loadClass("dev.dragonpool.programs.loaded.WidgetUser")
                    .getDeclaredConstructor().newInstance();
            System.out.println("loader " + i + ": " + user.apply(i));
        }
        // The agent publishes its beans shortly after start (about 500 ms); wait for them only under it.
        boolean agent = Pooling.isPooled(live.get(0).loadClass(WIDGET));
        List<String> beans = widgetBeans();
        for (int i = 0; agent && beans.size() < 2 && i < 30; i++) {
            Thread.sleep(100);
            beans = widgetBeans();
        }
        System.out.println("beans=" + beans.size() + " " + beans);
        System.out.println("loaders alive " + live.size());
    }
}
