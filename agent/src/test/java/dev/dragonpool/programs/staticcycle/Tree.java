package dev.dragonpool.programs.staticcycle;

/**
 * An interface with default methods (so initialising an implementation initialises it first,
 * JLS 12.4.1) holding a constant of a pooled implementation.
 */
interface Tree {
    Tree ROOT = new Twig("root");

    String name();

    default String path() {
        return (this == ROOT ? "" : ROOT.name() + "/") + name();
    }
}
