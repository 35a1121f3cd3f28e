package dev.dragonpool.weavefixtures;

import dev.dragonpool.annotations.Pooled;
import java.util.ArrayList;

/** Asked to be pooled, refused: its superclass holds state. */
@Pooled
public class Bag extends ArrayList<String> {
    private static final long serialVersionUID = 1L;
}
