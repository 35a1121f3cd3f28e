package dev.dragonpool.runtime;

/** A test object that does not implement {@link Recyclable}. */
final class Plain {
    long a;
    long b;
}
