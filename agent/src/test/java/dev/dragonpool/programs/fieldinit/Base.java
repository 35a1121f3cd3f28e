package dev.dragonpool.programs.fieldinit;

import dev.dragonpool.annotations.Pooled;

/** Calls an overridable method from its constructor, before the subclass's fields are initialised. */
@Pooled
class Base {
    final String seenBySuper;

    Base() {
        seenBySuper = describe();
    }

    String describe() {
        return "base";
    }
}
