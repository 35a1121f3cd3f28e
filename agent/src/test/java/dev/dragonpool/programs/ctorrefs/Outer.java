package dev.dragonpool.programs.ctorrefs;

import dev.dragonpool.annotations.Pooled;
import java.util.function.Function;

final class Outer {
    final String prefix;

    Outer(String prefix) {
        this.prefix = prefix;
    }

    @Pooled
    final class Part {
        final String name;

        Part(String name) {
            this.name = prefix + name;
        }

        @Override
        public String toString() {
            return "Part(" + name + ")";
        }
    }

    Function<String, Part> parts() {
        return Part::new;
    }
}
