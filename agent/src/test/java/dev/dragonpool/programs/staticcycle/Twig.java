package dev.dragonpool.programs.staticcycle;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Twig implements Tree {
    static final String SEP = Trace.note("Twig.<clinit>", "-");
    final String name;

    Twig(String name) {
        this.name = name + SEP;
        Trace.note("Twig(" + name + ") sep=" + SEP, null);
    }

    @Override
    public String name() {
        return name;
    }
}
