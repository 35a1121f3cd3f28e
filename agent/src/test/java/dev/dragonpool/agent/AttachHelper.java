package dev.dragonpool.agent;

import com.sun.tools.attach.VirtualMachine;

/** Loads the agent jar into another JVM: {@code AttachHelper <pid> <jar> [options]} (options default to {@code log=info}). */
public final class AttachHelper {
    private AttachHelper() {
    }

    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgent(args[1], args.length > 2 ? args[2] : "log=info");
        } finally {
            vm.detach();
        }
    }
}
