package dev.dragonpool.programs.serialround;

import dev.dragonpool.annotations.Pooled;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Custom writeObject/readObject, a transient field rebuilt on read, and a cycle through its friends. */
@Pooled
final class Person implements Serializable {
    private static final long serialVersionUID = 1L;
    final String name;
    final List<Person> friends = new ArrayList<>();
    transient int nameLength;
    int reads;

    Person(String name) {
        this.name = name;
        this.nameLength = name.length();
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeUTF("marker-" + name);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        String marker = in.readUTF();
        nameLength = marker.length() - "marker-".length();
        reads++;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append("[len=").append(nameLength).append(" reads=").append(reads).append(" friends=");
        for (Person p : friends) {
            sb.append(p.name).append(',');
        }
        return sb.append(']').toString();
    }
}
