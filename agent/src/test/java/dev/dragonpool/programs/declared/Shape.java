package dev.dragonpool.programs.declared;

/** The declared type most releases go through. */
interface Shape {
    double area();

    String describe();
}
