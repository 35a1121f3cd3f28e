package dev.dragonpool.programs.staticcycle;

/** Interface constant of a pooled implementation; the program allocates the implementation first. */
interface Node2 {
    Node2 NIL = new Leaf2(-1);

    int weight();
}
