package dev.dragonpool.programs.serial;

import java.io.Serializable;

/** Serializable through an interface that extends Serializable. */
interface Doc extends Serializable {
    String title();
}
