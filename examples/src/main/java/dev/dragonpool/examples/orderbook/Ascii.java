package dev.dragonpool.examples.orderbook;

/**
 * Allocation-free ASCII encoding of FIX-style {@code tag=value<SOH>} fields into a byte array.
 * Every method returns the position after what it wrote; the caller sizes the array.
 */
final class Ascii {
    private static final byte SOH = 1;

    private Ascii() {
    }

    static int tag(byte[] w, int p, int tag, long value) {
        p = number(w, p, tag);
        w[p++] = '=';
        p = number(w, p, value);
        w[p++] = SOH;
        return p;
    }

    static int tag(byte[] w, int p, int tag, byte value) {
        p = number(w, p, tag);
        w[p++] = '=';
        w[p++] = value;
        w[p++] = SOH;
        return p;
    }

    static int tag(byte[] w, int p, int tag, byte[] value) {
        p = number(w, p, tag);
        w[p++] = '=';
        System.arraycopy(value, 0, w, p, value.length);
        p += value.length;
        w[p++] = SOH;
        return p;
    }

    /** Writes {@code 10=NNN<SOH>} (three digits, as FIX's checksum field). */
    static int checksum(byte[] w, int p, int sum) {
        w[p++] = '1';
        w[p++] = '0';
        w[p++] = '=';
        w[p++] = (byte) ('0' + sum / 100);
        w[p++] = (byte) ('0' + sum / 10 % 10);
        w[p++] = (byte) ('0' + sum % 10);
        w[p++] = SOH;
        return p;
    }

    static int number(byte[] w, int p, long v) {
        if (v < 0) {
            w[p++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int i = p + digits - 1; i >= p; i--) {
            w[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return p + digits;
    }

    /** Fills {@code out} with {@code ACCOUNT-ID} left-aligned, padded with spaces (truncated when long). */
    static void clientId(byte[] out, int account, long id) {
        int p = number(out, 0, account);
        out[p++] = '-';
        long digits = 1;
        for (long t = id; t >= 10; t /= 10) {
            digits++;
        }
        if (p + digits <= out.length) {
            p = number(out, p, id);
        }
        while (p < out.length) {
            out[p++] = ' ';
        }
    }
}
