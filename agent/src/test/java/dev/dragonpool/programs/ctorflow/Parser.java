package dev.dragonpool.programs.ctorflow;

import dev.dragonpool.annotations.Pooled;
import java.util.ArrayList;
import java.util.List;

/** Control flow in a constructor: loops, try/catch/finally, nested handlers, early return. */
@Pooled
final class Parser {
    final List<Integer> numbers = new ArrayList<>();
    int errors;
    String status = "new";
    long checksum;
    boolean finished;

    Parser(String text) {
        try {
            for (String part : text.split(",")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (part.equals("stop")) {
                    break;
                }
                try {
                    numbers.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    errors++;
                } finally {
                    checksum = checksum * 31 + part.length();
                }
            }
            if (numbers.isEmpty()) {
                status = "empty";
                return;
            }
            int i = 0;
            while (i < numbers.size() && numbers.get(i) >= 0) {
                i++;
            }
            status = i == numbers.size() ? "ok" : "negative at " + i;
        } finally {
            finished = true;
        }
        do {
            checksum ^= checksum >>> 3;
        } while (checksum > 1_000_000);
    }

    Parser(int strict, String text) {
        this(text);
        if (strict > 0 && errors > 0) {
            throw new IllegalArgumentException("strict: " + errors + " errors in '" + text + "'");
        }
        label:
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                if (a * b == strict) {
                    status += " found " + a + "*" + b;
                    break label;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Parser(" + numbers + ", errors=" + errors + ", " + status + ", checksum=" + checksum + ", finished=" + finished + ")";
    }
}
