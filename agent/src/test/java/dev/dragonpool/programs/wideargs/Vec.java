package dev.dragonpool.programs.wideargs;

import dev.dragonpool.annotations.Pooled;

/** Many constructor parameters of every primitive kind, long and double (two slots) among them. */
@Pooled
final class Vec {
    final long a;
    final double b;
    final int c;
    final long d;
    final float e;
    final byte f;
    final char g;
    final boolean h;
    final short i;
    final String j;
    final int[] k;
    final double l;
    final long m;
    final Object n;

    Vec(long a, double b, int c, long d, float e, byte f, char g, boolean h, short i, String j, int[] k, double l, long m,
            Object n) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        this.e = e;
        this.f = f;
        this.g = g;
        this.h = h;
        this.i = i;
        this.j = j;
        this.k = k;
        this.l = l;
        this.m = m;
        this.n = n;
    }

    Vec(double x, double y) {
        this((long) x, y, 0, Long.MIN_VALUE, 1.5f, (byte) -1, 'v', x > y, (short) 300, "xy", new int[] {1}, x * y, Long.MAX_VALUE, null);
    }

    double len() {
        return a + b + c + d + e + f + g + (h ? 1 : 0) + i + j.length() + k.length + l + (m % 1000) + (n == null ? 0 : 1);
    }

    @Override
    public String toString() {
        return a + "," + b + "," + c + "," + d + "," + e + "," + f + "," + g + "," + h + "," + i + "," + j + ","
                + java.util.Arrays.toString(k) + "," + l + "," + m + "," + n;
    }
}
