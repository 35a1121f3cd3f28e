package com.example;

import dev.dragonpool.annotations.Pooled;

/** At most one out at a time: a second one fails (and is a JFR event). */
@Pooled(limit = 1, onLimit = Pooled.LimitPolicy.FAIL)
public class Ticket {
    public int seat;

    public Ticket(int seat) {
        this.seat = seat;
    }
}
