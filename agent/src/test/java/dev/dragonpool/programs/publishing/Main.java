package dev.dragonpool.programs.publishing;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.util.ArrayList;
import java.util.List;

/** A constructor publishes {@code this} and throws; later {@code new}s must not hand out that instance. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        List<Fragile> failed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int before = Fragile.REGISTRY.size();
            try {
                new Fragile(i, true);
                System.out.println("no exception?");
            } catch (IllegalStateException e) {
                System.out.println("caught: " + e.getMessage());
            }
            failed.add(Fragile.REGISTRY.get(before));
            Fragile ok = new Fragile(100 + i, false);
            boolean isFailedOne = false;
            for (Fragile f : failed) {
                isFailedOne |= f == ok;
            }
            System.out.println("new object " + ok + " is a published failed instance: " + isFailedOne);
            if (i % 2 == 0) {
                Pooling.release(ok);
            }
        }
        System.out.println("failed instances keep their state: " + failed);
        Probe.pooled(Fragile.class);
    }
}
