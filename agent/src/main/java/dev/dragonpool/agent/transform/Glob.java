package dev.dragonpool.agent.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Class-name globs of the {@code pool=} and {@code exclude=} options, matched against binary
 * names ({@code com.example.Order$Line}): {@code *} matches within one package segment,
 * {@code **} across segments, {@code ?} one character; several globs are separated by
 * {@code ;} or {@code :}.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /**
     * Parses a list of globs.
     *
     * @param list globs separated by {@code ;} or {@code :}; blank gives an empty list
     * @return the globs
     * @throws IllegalArgumentException for a glob with characters a class name cannot hold
     */
    public static List<Glob> parseList(String list) {
        List<Glob> out = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String g : list.split("[;:]")) {
            String t = g.trim();
            if (!t.isEmpty()) {
                out.add(parse(t));
            }
        }
        return out;
    }

    /**
     * Parses one glob.
     *
     * @param glob the glob
     * @return the matcher
     * @throws IllegalArgumentException if it holds a character a class name cannot hold
     */
    public static Glob parse(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append("[^.]*");
                }
            } else if (c == '?') {
                re.append("[^.]");
            } else if (c == '.' || c == '$') {
                re.append('\\').append(c);
            } else if (Character.isJavaIdentifierPart(c) && c != '\u0000') {
                re.append(c);
            } else {
                throw new IllegalArgumentException("bad class-name glob '" + glob + "': character '" + c
                        + "' cannot occur in a class name");
            }
        }
        return new Glob(glob, Pattern.compile(re.toString()));
    }

    /**
     * Tells whether a binary class name matches.
     *
     * @param binaryName a name with dots
     * @return whether it matches
     */
    public boolean matches(String binaryName) {
        return pattern.matcher(binaryName).matches();
    }

    /**
     * Tells whether any glob of a list matches.
     *
     * @param globs the globs
     * @param binaryName a name with dots
     * @return whether one matches
     */
    public static boolean any(List<Glob> globs, String binaryName) {
        for (Glob g : globs) {
            if (g.matches(binaryName)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
