package dev.dragonpool.programs.optional.lib;

/** Stands for an optional library interface: present at compile time, absent when the program runs. */
public interface Listener {
    void heard(String s);
}
