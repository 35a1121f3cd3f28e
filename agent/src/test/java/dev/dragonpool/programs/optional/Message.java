package dev.dragonpool.programs.optional;

import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.programs.optional.lib.Codec;
import dev.dragonpool.programs.optional.lib.Listener;

/**
 * A pooled class with fields, a constructor branch and methods typed by an optional library
 * that is absent at run time; the program never takes those paths.
 */
@Pooled
final class Message {
    private Codec codec;
    private Listener listener;
    final String text;
    final Object chosen;
    int hops;

    Message(String text, boolean useLibrary) {
        Object pick;
        if (useLibrary) {
            codec = new Codec();
            listener = s -> { };
            pick = text.isEmpty() ? codec : listener;
            listener.heard(codec.encode(text));
        } else {
            pick = text.length() > 3 ? "long" : "short";
        }
        this.text = text;
        this.chosen = pick;
        hops++;
    }

    Codec codec() {
        return codec;
    }

    String encoded() {
        return codec == null ? text : codec.encode(text);
    }

    @Override
    public String toString() {
        return "Message(" + encoded() + ", " + chosen + ", hops=" + hops + ", library=" + (codec != null || listener != null) + ")";
    }
}
