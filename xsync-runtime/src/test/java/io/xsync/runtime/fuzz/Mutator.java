package io.xsync.runtime.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Seeded random mutations of a valid text: deletions, insertions of syntax fragments and odd
 * characters, duplications and truncation. The same seed gives the same mutations.
 */
public final class Mutator {
    private final Random random;
    private final List<String> fragments;

    /** @param fragments pieces of the language to insert (keywords, punctuation) */
    /**
     * The seed of a fuzz run: {@code -Dxsync.fuzz.seed} when given, else a new one; printed so
     * that a failing run can be repeated.
     */
    public static long seed(String what) {
        long seed = Long.getLong("xsync.fuzz.seed", System.nanoTime());
        System.out.println(what + " seed: " + seed + " (rerun with -Dxsync.fuzz.seed=" + seed + ")");
        return seed;
    }

    public Mutator(long seed, List<String> fragments) {
        this.random = new Random(seed);
        this.fragments = fragments;
    }

    /** {@code text} with one to four random mutations. */
    public String mutate(String text) {
        String t = text;
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            t = once(t);
        }
        return t;
    }

    private String once(String t) {
        int at = t.isEmpty() ? 0 : random.nextInt(t.length() + 1);
        switch (random.nextInt(7)) {
            case 0: {
                int end = Math.min(t.length(), at + 1 + random.nextInt(20));
                return t.substring(0, at) + t.substring(end);
            }
            case 1:
                return t.substring(0, at) + fragments.get(random.nextInt(fragments.size())) + t.substring(at);
            case 2:
                return t.substring(0, at) + oddCharacters() + t.substring(at);
            case 3: {
                int end = Math.min(t.length(), at + random.nextInt(200));
                return t.substring(0, end) + t.substring(at, end) + t.substring(end);
            }
            case 4:
                return t.substring(0, at);
            case 5:
                return t.substring(0, at) + fragments.get(random.nextInt(fragments.size())).repeat(1 + random.nextInt(3000))
                        + t.substring(at);
            default: {
                if (t.isEmpty()) {
                    return t;
                }
                int i = random.nextInt(t.length());
                return t.substring(0, i) + (char) (t.charAt(i) ^ (1 << random.nextInt(7))) + t.substring(i + 1);
            }
        }
    }

    private String oddCharacters() {
        String[] odd = {"\u0000", "\t", "\r", "\n", "\u001b[2J", "\ud800", "\uffff", "\u00e9", "\ud83d\ude00", "\\",
            "\"", "'", "99999999999999999999999", "-0", "1e999", "@", "#", "%", "&", "*", "!", "|", ">", "?"};
        return odd[random.nextInt(odd.length)];
    }
}
