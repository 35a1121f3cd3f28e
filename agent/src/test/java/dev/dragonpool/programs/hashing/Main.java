package dev.dragonpool.programs.hashing;

import dev.dragonpool.Pooling;
import dev.dragonpool.programs.Probe;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Pooled objects as map keys and set members; lookups with fresh probes that are released afterwards. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Probe.section("hash map", () -> {
            Map<Key, String> map = new HashMap<>();
            for (int i = 0; i < 6; i++) {
                map.put(new Key(i % 2 == 0 ? "even" : "odd", i), "v" + i);
            }
            for (int i = 0; i < 8; i++) {
                Key probe = new Key(i % 2 == 0 ? "even" : "odd", i);
                System.out.println("lookup " + probe + " -> " + map.get(probe) + " contains " + map.containsKey(probe)
                        + " hash " + probe.hashCode());
                Pooling.release(probe);
            }
            System.out.println("map size " + map.size() + " sorted " + new TreeMap<>(map));
        });
        Probe.section("hash set", () -> {
            Set<Key> set = new HashSet<>();
            for (int round = 0; round < 3; round++) {
                Key k = new Key("s", round % 2);
                boolean added = set.add(k);
                System.out.println("add " + k + " added " + added + " size " + set.size());
                if (!added) {
                    Pooling.release(k);
                }
            }
        });
        Probe.section("identity", () -> {
            Map<Ident, Integer> byIdentity = new IdentityHashMap<>();
            Map<Ident, Integer> byHash = new HashMap<>();
            Ident[] kept = new Ident[4];
            for (int i = 0; i < 4; i++) {
                kept[i] = new Ident(i);
                byIdentity.put(kept[i], i);
                byHash.put(kept[i], i);
            }
            for (int i = 0; i < 4; i++) {
                Ident temp = new Ident(i);
                System.out.println("identity lookups " + byIdentity.get(kept[i]) + " " + byHash.get(kept[i]) + " temp found "
                        + byHash.containsKey(temp) + " equals kept " + temp.equals(kept[i]));
                Pooling.release(temp);
            }
            System.out.println("sizes " + byIdentity.size() + " " + byHash.size());
        });
        Probe.pooled(Key.class, Ident.class);
    }
}
