package dev.dragonpool.programs.reflection;

import dev.dragonpool.annotations.Pooled;

@Pooled
final class PackageCtor {
    final String s;

    PackageCtor(String s) {
        this.s = s;
    }
}
