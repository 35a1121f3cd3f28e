package dev.dragonpool.programs.lambdanew;

/** Enum constants allocating pooled objects in their constructors. */
enum Phase {
    START("s"), STOP("t");

    final Token token;

    Phase(String s) {
        token = new Token("phase-" + s);
    }
}
