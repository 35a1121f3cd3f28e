package dev.dragonpool.programs.ifacestatic;

/** A third interface with the same default method. */
interface Labeled {
    default String name() {
        return "labeled";
    }
}
