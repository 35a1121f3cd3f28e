package dev.dragonpool.programs.chain3;

import dev.dragonpool.annotations.OnRelease;
import dev.dragonpool.annotations.Pooled;
import dev.dragonpool.annotations.Retained;

@Pooled
class Vehicle {
    final String id;
    int km;
    @Retained
    StringBuilder scratch;
    String state = "new";

    Vehicle(String id) {
        this.id = id;
        if (scratch == null) {
            scratch = new StringBuilder();
        }
        scratch.setLength(0);
        scratch.append("vehicle ").append(id);
    }

    @OnRelease
    void park() {
        state = "parked";
    }

    String show() {
        return "id=" + id + " km=" + km + " state=" + state + " scratch='" + scratch + "'";
    }
}
