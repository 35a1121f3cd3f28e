package dev.dragonpool.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The size syntax of {@code -Ddragonpool.arena} and {@code -Ddragonpool.capacity} for woven
 * classes (the agent's syntax). The start-up itself is exercised in forked JVMs by the Maven
 * plugin's PluginIT (settings applied, bad values reported, JMX on and off).
 */
class WovenRuntimeTest {
    @Test
    void sizes_take_the_agents_suffixes() {
        assertEquals(4096, WovenRuntime.size("4096"));
        assertEquals(64 << 10, WovenRuntime.size(" 64k "));
        assertEquals(256L << 20, WovenRuntime.size("256M"));
        assertEquals(1L << 30, WovenRuntime.size("1g"));
    }

    @Test
    void a_bad_size_says_what_is_expected() {
        for (String bad : new String[] {"", "lots", "-1", "12x", "99999999999g"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WovenRuntime.size(bad), bad);
            assertEquals("expected a size such as 4096, 64k, 256m or 1g", e.getMessage());
        }
    }
}
