package dev.dragonpool.programs.cloning;

import dev.dragonpool.annotations.Pooled;

/** A pooled subclass inheriting clone(). */
@Pooled
final class Book extends Sheet {
    String author = "anonymous";

    Book(String title, String author) {
        super(title, 2);
        this.author = author;
    }

    @Override
    public String toString() {
        return super.toString() + " by " + author;
    }
}
