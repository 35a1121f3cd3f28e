package dev.dragonpool.programs.refused;

import dev.dragonpool.annotations.Pooled;
import java.util.ArrayList;

/** Refused: its superclass (ArrayList) is not pooled and has instance state. */
@Pooled
final class Bag extends ArrayList<String> {
    private static final long serialVersionUID = 1L;
    final String label;

    Bag(String label, String... items) {
        this.label = label;
        for (String i : items) {
            add(i);
        }
    }
}
