package dev.dragonpool.programs.serial;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class Letter implements Doc {
    final String title;
    int pages;
    transient String cache = "cache";
    protected long stamp;

    Letter(String title, int pages) {
        this.title = title;
        this.pages = pages;
        this.stamp = title.hashCode();
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String toString() {
        return "Letter(" + title + ", " + pages + ", " + stamp + ", cache=" + cache + ")";
    }
}
