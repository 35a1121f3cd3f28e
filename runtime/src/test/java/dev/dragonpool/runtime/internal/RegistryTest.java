package dev.dragonpool.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {

    /** Records what it hears, as "+pool" and "-pool". */
    private static final class Recorder implements Registry.Listener<Object> {
        final List<String> heard = new ArrayList<>();

        @Override
        public void registered(Object pool) {
            heard.add("+" + pool);
        }

        @Override
        public void unregistered(Object pool) {
            heard.add("-" + pool);
        }
    }

    @Test
    void a_listener_hears_each_registration_and_removal_once() {
        Registry<String> r = new Registry<>();
        r.register("before");
        Recorder rec = new Recorder();
        r.addListener(rec);
        r.addListener(rec);
        r.register("a");
        r.register("a");
        r.unregister("a");
        r.unregister("a");
        r.unregister("never-registered");
        assertEquals(List.of("+a", "-a"), rec.heard, "only changes after it was added, each once");
        assertEquals(List.of("before"), r.snapshot());
    }

    @Test
    void a_removed_listener_hears_nothing_more() {
        Registry<String> r = new Registry<>();
        Recorder rec = new Recorder();
        r.addListener(rec);
        r.register("a");
        r.removeListener(rec);
        r.register("b");
        r.unregister("a");
        assertEquals(List.of("+a"), rec.heard);
    }

    @Test
    void a_throwing_listener_does_not_stop_registration_or_other_listeners() {
        Registry<String> r = new Registry<>();
        r.addListener(new Registry.Listener<Object>() {
            @Override
            public void registered(Object pool) {
                throw new IllegalStateException("listener broke on " + pool);
            }

            @Override
            public void unregistered(Object pool) {
                throw new IllegalStateException("listener broke on " + pool);
            }
        });
        Recorder rec = new Recorder();
        r.addListener(rec);
        r.register("a");
        assertEquals(List.of("a"), r.snapshot());
        r.unregister("a");
        assertEquals(List.of(), r.snapshot());
        assertEquals(List.of("+a", "-a"), rec.heard);
    }

    @Test
    void registries_add_listener_reaches_every_kind() {
        Recorder rec = new Recorder();
        Registries.addListener(rec);
        try {
            dev.dragonpool.runtime.Zone<StringBuilder> z =
                    dev.dragonpool.runtime.Zone.create("registrytest-zone", 1, StringBuilder::new);
            z.destroy();
            dev.dragonpool.runtime.MPipe<StringBuilder> p =
                    dev.dragonpool.runtime.MPipe.builder("registrytest-pipe", StringBuilder::new).build();
            p.destroy();
        } finally {
            Registries.removeListener(rec);
        }
        assertEquals(List.of("+Zone[registrytest-zone]", "-Zone[registrytest-zone]",
                "+MPipe[registrytest-pipe, nnom=0, nmax=268435456]", "-MPipe[registrytest-pipe, nnom=0, nmax=268435456]"),
                rec.heard.stream().filter(h -> h.contains("registrytest-")).collect(java.util.stream.Collectors.toList()));
    }
}
