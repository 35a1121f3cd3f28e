package com.example;

import com.example.model.Point3;
import dev.dragonpool.Pooling;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** The sample application: prints what pooling did, one key=value per line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Order first;
        try (Order o = new Order("o-1", 1)) {
            first = o;
        }
        try (Order o = new Order("o-2", 2)) {
            System.out.println("order.reused=" + (o == first));
            System.out.println("order.id=" + o.id());
            System.out.println("order.retained=" + (o.scratch == first.scratch));
        }
        Point3 p = new Point3(1, 2, 3);
        Pooling.release(p);
        Point3 q = new Point3(4, 5, 6);
        System.out.println("point.reused=" + (p == q) + " x=" + q.x);
        System.out.println("isPooled=" + Pooling.isPooled(Order.class) + "," + Pooling.isPooled(Point3.class) + ","
                + Pooling.isPooled(Label.class) + "," + Pooling.isPooled(Excluded.class));
        System.out.println("label=" + new Label("plain").text() + " excluded=" + new Excluded().n);
        System.out.println("woven.by=" + System.getProperty("dev.dragonpool.woven"));
        System.out.println("exhausted.events=" + exhaust());
        String name = "dev.dragonpool:type=ObjCache,name=com.example.Order";
        boolean bean = false;
        int tries = "off".equals(System.getProperty("dragonpool.jmx")) ? 2 : 100;
        for (int i = 0; i < tries && !bean; i++) {
            bean = ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(name));
            Thread.sleep(50);
        }
        System.out.println("jmx.bean=" + bean);
        if (args.length > 0 && args[0].equals("wait")) {
            System.out.println("waiting");
            System.out.flush();
            System.in.read();
        }
    }

    /** Takes the one allowed Ticket and asks for another: FAIL throws, and a JFR event says so. */
    private static int exhaust() throws Exception {
        Path jfr = Files.createTempFile("sample", ".jfr");
        try (Recording r = new Recording()) {
            r.enable("dev.dragonpool.PoolExhausted");
            r.start();
            Ticket t = new Ticket(1);
            try {
                new Ticket(2);
                System.out.println("ticket.second=allowed");
            } catch (RuntimeException e) {
                System.out.println("ticket.second=" + e.getClass().getSimpleName());
            }
            Pooling.release(t);
            r.stop();
            r.dump(jfr);
        }
        int n = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().equals("dev.dragonpool.PoolExhausted")) {
                n++;
            }
        }
        Files.delete(jfr);
        return n;
    }
}
