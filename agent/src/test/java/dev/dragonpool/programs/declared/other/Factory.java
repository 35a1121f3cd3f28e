package dev.dragonpool.programs.declared.other;

/** Public methods of another package returning the package-private pooled {@link Hidden}. */
public final class Factory {
    private Factory() {
    }

    public static Hidden make(String name) {
        return new Hidden(name);
    }

    public static Named named(String name) {
        return new Hidden(name);
    }

    public static Class<?> hiddenClass() {
        return Hidden.class;
    }
}
