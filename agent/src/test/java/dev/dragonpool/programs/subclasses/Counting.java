package dev.dragonpool.programs.subclasses;

/** An unpooled subclass whose close() override calls the @Release super.close(). */
final class Counting extends Resource {
    int closes;

    Counting(String name) {
        super(name);
    }

    @Override
    public void close() {
        closes++;
        super.close();
        journal.append(",after-super");
    }
}
