package dev.dragonpool.programs.declared.other;

import dev.dragonpool.annotations.Pooled;

/** Package-private pooled class that callers in other packages only see through {@link Factory}. */
@Pooled
final class Hidden implements Named {
    private final String name;
    private int uses;

    Hidden(String name) {
        this.name = name;
        uses++;
    }

    @Override
    public String name() {
        return name + "#" + uses;
    }
}
