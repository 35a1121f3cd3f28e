package dev.dragonpool.programs.earlyload;

/** Allocates gadgets; loaded by the early agent, before Dragonpool's premain. */
final class Workshop {
    private Workshop() {
    }

    static Gadget build(int size) {
        Gadget g = new Gadget(size);
        g.state = "built";
        return g;
    }
}
