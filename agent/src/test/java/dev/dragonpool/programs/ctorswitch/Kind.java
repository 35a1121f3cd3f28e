package dev.dragonpool.programs.ctorswitch;

enum Kind {
    SMALL, MEDIUM, LARGE
}
