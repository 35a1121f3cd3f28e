package dev.dragonpool.programs.lambdanew;

/** An interface whose default and static methods allocate. */
interface Maker {
    String name();

    default Token make() {
        return new Token("default-" + name());
    }

    static Token fixed() {
        return new Token("static");
    }
}
