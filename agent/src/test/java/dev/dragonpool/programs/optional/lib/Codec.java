package dev.dragonpool.programs.optional.lib;

/** Stands for an optional library class: present at compile time, absent when the program runs. */
public class Codec {
    public String encode(String s) {
        return "codec:" + s;
    }
}
