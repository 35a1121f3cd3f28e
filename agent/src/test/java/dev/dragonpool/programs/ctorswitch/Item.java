package dev.dragonpool.programs.ctorswitch;

import dev.dragonpool.annotations.Pooled;

/** Switches in a constructor: on strings, on an enum (a synthetic switch-map class), switch expressions. */
@Pooled
final class Item {
    final String code;
    int weight;
    Kind kind;
    String note = "";

    Item(String code) {
        this.code = code;
        switch (code) {
            case "a":
            case "b":
                weight = 1;
                break;
            case "Aa":
                weight = 2;
                break;
            case "BB":
                weight = 3;
                note = "collides with Aa";
                break;
            default:
                weight = code.length();
        }
        kind = weight < 2 ? Kind.SMALL : weight < 3 ? Kind.MEDIUM : Kind.LARGE;
        switch (kind) {
            case SMALL:
                note += "s";
                break;
            case LARGE:
                note += "L";
                // fall through
            default:
                note += "+";
        }
    }

    Item(Kind k, int n) {
        this(switch (k) {
            case SMALL -> "a";
            case MEDIUM -> {
                String s = "Aa";
                for (int i = 0; i < n; i++) {
                    s += "x";
                }
                yield s;
            }
            case LARGE -> {
                try {
                    yield "n" + Integer.parseInt(n < 0 ? "bad" : String.valueOf(n));
                } catch (NumberFormatException e) {
                    yield "BB";
                }
            }
        });
    }

    @Override
    public String toString() {
        return code + ":" + weight + ":" + kind + ":" + note;
    }
}
