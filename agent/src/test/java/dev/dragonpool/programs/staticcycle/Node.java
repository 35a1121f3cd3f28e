package dev.dragonpool.programs.staticcycle;

/** Interface constant of a pooled implementation; the program touches the interface first. */
interface Node {
    Node EMPTY = new Leaf(0);

    int weight();
}
