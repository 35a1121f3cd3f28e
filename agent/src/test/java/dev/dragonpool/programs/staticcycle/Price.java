package dev.dragonpool.programs.staticcycle;

/** Like {@link Money}, but the program touches the superclass's constant first. */
abstract class Price {
    static final Price FREE = new Usd(0);

    abstract long cents();
}
