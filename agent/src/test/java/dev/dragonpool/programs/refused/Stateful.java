package dev.dragonpool.programs.refused;

/** A plain superclass with instance state. */
class Stateful {
    int base = 10;
    String tag = "stateful";
}
