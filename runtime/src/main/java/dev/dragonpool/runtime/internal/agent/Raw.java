package dev.dragonpool.runtime.internal.agent;

/**
 * Parameter type of the synthetic "raw" constructor the agent adds to every enhanced class:
 * {@code T(Raw)} makes an instance whose fields all hold their defaults, without running any
 * constructor body. The object cache calls it on a miss. Never instantiated; {@code null} is
 * passed.
 */
public final class Raw {
    private Raw() {
    }
}
