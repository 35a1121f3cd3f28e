package dev.dragonpool.programs.threads;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Msg {
    final int seq;
    final String from;
    final StringBuilder body = new StringBuilder();

    Msg(int seq, String from) {
        this.seq = seq;
        this.from = from;
        body.append(from).append('#').append(seq);
    }

    @Override
    public String toString() {
        return body.toString();
    }
}
