package dev.dragonpool.programs.ternarynew;

import dev.dragonpool.annotations.Pooled;

/** Allocates pooled objects in its super(...) arguments (uninitialised this below them). */
@Pooled
final class SubA extends A {
    final C extra;

    SubA(int k) {
        super(k > 0 ? new B(new C(k)) : new B(), k % 2 == 0 ? new C(k).level : -k, new B() != null);
        extra = k > 1 ? new C(k * 10) : null;
    }

    @Override
    public String toString() {
        return "Sub" + super.toString() + "+" + extra;
    }
}
