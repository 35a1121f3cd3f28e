package dev.dragonpool.e2e;

/** An interface: a {@code pool=} glob that names it is refused with the reason and the fix. */
public interface Named {
    /** @return the name */
    String name();
}
