package dev.dragonpool.programs.closeoverride;

import dev.dragonpool.programs.Probe;

/** Subclass close() methods around a @Release super.close(); each new instance must start from its initial values. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        for (int round = 0; round < 3; round++) {
            int i = round;
            Probe.section("logging", () -> {
                LoggingConn c = new LoggingConn("log" + i);
                System.out.println("logging new:   " + c.fields());
                c.close();
            });
            Probe.section("strict", () -> {
                StrictConn s = new StrictConn("strict" + i);
                System.out.println("strict new:    " + s.fields());
                s.close();
            });
            Probe.section("logging twr", () -> {
                try (LoggingConn t = new LoggingConn("twr" + i)) {
                    System.out.println("logging twr:   " + t.fields());
                }
            });
            Probe.section("base twr", () -> {
                try (Conn b = new Conn("base" + i)) {
                    System.out.println("base twr:      " + b.fields());
                }
            });
        }
        Probe.section("end logging", () -> System.out.println("end logging " + new LoggingConn("end").fields()));
        Probe.section("end strict", () -> System.out.println("end strict  " + new StrictConn("end").fields()));
        Probe.pooled(Conn.class, LoggingConn.class, StrictConn.class);
    }
}
