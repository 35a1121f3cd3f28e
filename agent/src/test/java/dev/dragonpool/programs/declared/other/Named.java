package dev.dragonpool.programs.declared.other;

/** A public interface implemented by a package-private pooled class. */
public interface Named {
    String name();
}
