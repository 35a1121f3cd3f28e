package dev.dragonpool.programs.serial;

import dev.dragonpool.annotations.Pooled;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

/** Externalizable: deserialisation calls the public no-argument constructor reflectively. */
@Pooled
public final class Ext implements Externalizable {
    private static final long serialVersionUID = 7L;
    int a;
    String b = "init";

    public Ext() {
    }

    Ext(int a, String b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        out.writeInt(a);
        out.writeUTF(b);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        a = in.readInt();
        b = in.readUTF();
    }

    @Override
    public String toString() {
        return "Ext(" + a + ", " + b + ")";
    }
}
