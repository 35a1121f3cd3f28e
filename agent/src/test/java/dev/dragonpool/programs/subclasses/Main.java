package dev.dragonpool.programs.subclasses;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** Anonymous and unannotated subclasses of a class whose close() is @Release, in try-with-resources. */
public final class Main {
    static Class<?> anonymous;

    private Main() {
    }

    public static void main(String[] args) {
        for (int round = 0; round < 3; round++) {
            int i = round;
            System.out.println("round " + i);
            Probe.section("base", () -> {
                try (Resource r = new Resource("base" + i)) {
                    r.use();
                }
            });
            Probe.section("anonymous", () -> {
                Resource anon = new Resource("anon" + i) {
                    @Override
                    String describe() {
                        return "anonymous:" + super.describe();
                    }
                };
                anonymous = anon.getClass();
                try (Resource r = anon) {
                    r.use();
                    r.use();
                }
                System.out.println("  anonymous still usable: " + anon.describe());
            });
            Probe.section("plain", () -> {
                Plain p = new Plain("plain" + i);
                try (p) {
                    p.use();
                }
                System.out.println("  plain after close: " + p.describe() + " extra=" + p.extra);
                Pooling.release(p);
                System.out.println("  plain after release: " + p.describe());
            });
            Probe.section("counting", () -> {
                Counting c = new Counting("counting" + i);
                try (c) {
                    c.use();
                }
                System.out.println("  counting after close: " + c.describe() + " closes=" + c.closes);
            });
            Probe.section("special", () -> {
                try (Special s = new Special("special" + i, i)) {
                    s.use();
                }
            });
            Probe.section("anonymous with a field", () -> {
                Resource local = new Resource("local" + i) {
                    final int captured = 40 + i;

                    @Override
                    void use() {
                        super.use();
                        journal.append(",captured=").append(captured);
                    }
                };
                try (local) {
                    local.use();
                }
                System.out.println("  local after close: " + local.describe());
            });
        }
        Probe.section("end", () -> System.out.println("end " + new Resource("end").describe() + " "
                + new Special("end", 9).describe()));
        Probe.pooled(Resource.class, Special.class);
        Probe.pooled(Plain.class, Counting.class);
        if (anonymous != null) {
            Probe.pooled(anonymous);
        }
    }
}
