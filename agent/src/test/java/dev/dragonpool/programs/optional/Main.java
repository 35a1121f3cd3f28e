package dev.dragonpool.programs.optional;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** {@link Message} refers to a library absent at run time; the program never touches it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        boolean present;
        try {
            Class.forName("dev.dragonpool.programs.optional.lib.Codec");
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        System.out.println("library present: " + present);
        for (int i = 0; i < 4; i++) {
            Message m = new Message("m" + "xyz".substring(0, i % 4), false);
            System.out.println(m);
            Pooling.release(m);
        }
        System.out.println("end " + new Message("done", false));
        Probe.pooled(Message.class);
    }
}
