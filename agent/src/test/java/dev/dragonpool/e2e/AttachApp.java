package dev.dragonpool.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * Target of the dynamic-attach test: loads {@link Early} (pooled, but loaded before the agent),
 * prints {@code READY}, waits for a line on standard input (the test attaches meanwhile), then runs
 * {@link AttachChecks}, whose classes load after the attach.
 */
public final class AttachApp {
    private AttachApp() {
    }

    public static void main(String[] args) throws Exception {
        Early e = new Early();
        e.v = 1;
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        AttachChecks.run();
    }
}
