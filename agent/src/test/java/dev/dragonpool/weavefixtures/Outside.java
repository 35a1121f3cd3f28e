package dev.dragonpool.weavefixtures;

import dev.dragonpool.Pooling;

/** Code that is not woven (left out of the input): it allocates plainly, its facade calls do what the facade does. */
public final class Outside {
    private Outside() {
    }

    /** @return a message allocated with a plain {@code new} */
    public static Msg plain() {
        return new Msg("outside", 5);
    }

    /** @param m released through the facade */
    public static void release(Msg m) {
        Pooling.release(m);
    }
}
