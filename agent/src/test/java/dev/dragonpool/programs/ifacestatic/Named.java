package dev.dragonpool.programs.ifacestatic;

/** A second interface with a conflicting default method. */
interface Named {
    default String name() {
        return "named";
    }
}
