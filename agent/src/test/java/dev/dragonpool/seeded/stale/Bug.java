package dev.dragonpool.seeded.stale;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import dev.dragonpool.seeded.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeded bug 5: a stale reference used after the instance could have been handed out again.
 * A "cache" keeps {@code alice}'s session, {@link #logout} releases it, eight new sessions are
 * made and kept (a pool that reused released instances at once would hand alice's to the first
 * of them), then the stale reference is asked for its user. Unseen, it would answer
 * {@code user0}: another user's session.
 */
public final class Bug {
    private Bug() {
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
        Report.check("stale reference", Bug.class, () -> {
            Session cached = new Session("alice");
            logout(cached);
            for (int i = 0; i < 8; i++) {
                live.add(new Session("user" + i));
            }
            System.out.println("cached session belongs to " + owner(cached));
        });
        StringBuilder users = new StringBuilder();
        for (Session s : live) {
            users.append(' ').append(s.user());
            Pooling.release(s);
        }
        System.out.println("live sessions:" + users);
    }
}
