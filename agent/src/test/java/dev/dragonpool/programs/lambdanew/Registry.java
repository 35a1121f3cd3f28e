package dev.dragonpool.programs.lambdanew;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A plain class allocating pooled objects in its static and instance initialisers. */
final class Registry {
    static final List<Token> DEFAULTS = new ArrayList<>();
    static final Supplier<Token> FACTORY;

    static {
        for (int i = 0; i < 3; i++) {
            DEFAULTS.add(new Token("default" + i));
        }
        String prefix = "made-by-factory-";
        FACTORY = () -> new Token(prefix + DEFAULTS.size());
    }

    final Token own;

    {
        own = new Token("instance-init");
    }

    Registry() {
    }
}
