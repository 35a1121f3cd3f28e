package dev.dragonpool.programs.ctorswitch;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;

/** Switches in constructors, and a switch expression (with a try in an arm) as a constructor argument. */
public final class Main {
    private Main() {
    }

    static int parse(String s) {
        return Integer.parseInt(s);
    }

    public static void main(String[] args) {
        Probe.section("string switch", () -> {
            for (String c : new String[] {"a", "b", "Aa", "BB", "long code", ""}) {
                Item it = new Item(c);
                System.out.println(it);
                Pooling.release(it);
            }
        });
        Probe.section("switch expression in this(...)", () -> {
            for (Kind k : Kind.values()) {
                for (int n : new int[] {-1, 0, 2}) {
                    Item it = new Item(k, n);
                    System.out.println(k + " " + n + " -> " + it);
                    Pooling.release(it);
                }
            }
        });
        Probe.section("switch expression as argument", () -> {
            for (String s : new String[] {"1", "x", "22"}) {
                Item it = new Item(switch (s.length()) {
                    case 1 -> {
                        try {
                            yield "n" + parse(s);
                        } catch (NumberFormatException e) {
                            yield "Aa";
                        }
                    }
                    default -> s + s;
                });
                System.out.println(s + " -> " + it);
                Pooling.release(it);
            }
        });
        Probe.pooled(Item.class);
    }
}
