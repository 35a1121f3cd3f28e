package dev.dragonpool.programs.nestmates;

import dev.dragonpool.annotations.Pooled;
import java.util.function.IntFunction;

/** Nest members with private constructors, allocated by each other (nest-based access, no accessors). */
final class Outer {
    private Outer() {
    }

    @Pooled
    static class A {
        private final int a;
        private String note = "a";

        private A(int a) {
            this.a = a;
        }

        private A(String s) {
            this(s.length());
            note = s;
        }

        private int twice() {
            return 2 * a;
        }

        String show() {
            return "A(" + a + ", " + note + ", twice=" + twice() + ")";
        }
    }

    @Pooled
    static final class B extends A {
        private final long b;

        private B(int a, long b) {
            super(a);
            this.b = b;
        }

        private B(String s) {
            super(s);
            this.b = -1;
        }

        @Override
        String show() {
            return "B(" + super.show() + ", " + b + ")";
        }
    }

    @Pooled
    static final class C {
        private final A inner;

        private C(int k) {
            this.inner = k % 2 == 0 ? new A(k) : new B(k, k * 10L);
        }

        String show() {
            return "C[" + inner.show() + "]";
        }
    }

    static A a(int v) {
        return new A(v);
    }

    static A named(String s) {
        return s.length() > 2 ? new B(s) : new A(s);
    }

    static C c(int k) {
        return new C(k);
    }

    static IntFunction<A> factory() {
        return v -> new B(v, v);
    }

    static IntFunction<A> reference() {
        return A::new;
    }
}
