package dev.dragonpool.seeded.stale;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * The correct twin of {@link Bug}: the cached session is read before logout, and the cache
 * drops its reference; the eight new sessions are made and used as in {@code Bug}.
 */
public final class Twin {
    private Twin() {
    }

    static void logout(Session s) {
        Pooling.release(s);
    }

    static String owner(Session s) {
        return s.user();
    }

    public static void main(String[] args) {
        Probe.pooled(Session.class);
        List<Session> live = new ArrayList<>();
        Report.check("fresh reference", Twin.class, () -> {
            Session cached = new Session("alice");
            String user = owner(cached);
            logout(cached);
            cached = null;
            for (int i = 0; i < 8; i++) {
                live.add(new Session("user" + i));
            }
            System.out.println("cached session belonged to " + user);
        });
        StringBuilder users = new StringBuilder();
        for (Session s : live) {
            users.append(' ').append(s.user());
            Pooling.release(s);
        }
        System.out.println("live sessions:" + users);
    }
}
