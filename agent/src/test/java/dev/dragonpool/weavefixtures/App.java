package dev.dragonpool.weavefixtures;

import dev.dragonpool.Pooling;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Uses the pooled classes the ways an application does; the weaving tests run it woven. */
public final class App {
    private App() {
    }

    /** @return what happened, as {@code key=value} pairs */
    public static String run() {
        StringBuilder sb = new StringBuilder();
        Msg a = new Msg("a", 1);
        Pooling.release(a);                     // static type Msg: made direct
        Msg b = new Msg("b", 2);
        sb.append("reused=").append(a == b).append(",fields=").append(b.text).append(b.n);
        Object o = b;
        Pooling.release(o);                     // static type Object: through the runtime
        Msg c = new Msg("c", 3);
        sb.append(",bridged=").append(c == b);
        List<Object> l = new ArrayList<>();
        l.add(c);
        l.forEach(Pooling::release);            // a method reference to the facade
        Msg d = new Msg("d", 4);
        sb.append(",methodref=").append(d == c);
        sb.append(",isPooled=").append(Pooling.isPooled(Msg.class)).append('/').append(Pooling.isPooled(Tag.class));
        Conn first;
        try (Conn x = new Conn("p1")) {
            first = x;
        }
        byte[] buf = first.buffer;
        try (Conn y = new Conn("p2")) {
            sb.append(",closeReleases=").append(y == first).append(",retained=").append(y.buffer == buf)
                    .append(",peer=").append(y.peer);
        }
        sb.append(",hooks=").append(Conn.hooks);
        Tag t = new Tag("t");
        Bag bag = new Bag();
        Function<String, Msg> f = s -> new Msg(s, 9);
        sb.append(",plain=").append(t.name()).append(bag.size()).append(f.apply("z").n);
        try {
            Pooling.release(new Object());
            sb.append(",foreign=accepted");
        } catch (IllegalArgumentException e) {
            sb.append(",foreign=refused");
        }
        return sb.toString();
    }

    /**
     * Releases any object through the facade (woven: through the runtime).
     *
     * @param o the object
     */
    public static void release(Object o) {
        Pooling.release(o);
    }

    /** @return a new pooled message */
    public static Msg make() {
        return new Msg("made", 0);
    }

    /** Reads a field of a {@code Conn} from another class; returns what that throws, if anything. */
    public static Object peerOf(Object c) {
        try {
            return ((Conn) c).peer;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
