package io.xsync.runtime.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows schema warnings for people: each warning once, grouped by kind in file order, and a kind
 * met more than three times as its first two warnings in full followed by one line naming where the
 * others are. Real model files repeat some
 * warnings dozens of times (every model naming a Python mixin as parent), which would bury the
 * one that matters.
 */
public final class WarningGroups {
    /** How many warnings of one kind are shown in full before the rest are grouped. */
    private static final int SHOWN_IN_FULL = 2;
    /** How many further places the grouping line lists by position. */
    private static final int PLACES_LISTED = 8;

    private static final Comparator<SchemaWarning> BY_POSITION = Comparator
            .comparing((SchemaWarning w) -> String.valueOf(w.where().file()))
            .thenComparingInt(w -> w.where().line()).thenComparingInt(w -> w.where().column());

    private WarningGroups() {
    }

    /** The lines to print (without a {@code warning:} prefix), warnings of a kind in their order. */
    public static List<String> lines(List<SchemaWarning> warnings) {
        Map<String, List<SchemaWarning>> byKind = new LinkedHashMap<>();
        for (SchemaWarning w : warnings) {
            List<SchemaWarning> same = byKind.computeIfAbsent(w.kind(), k -> new ArrayList<>());
            if (!same.contains(w)) {
                same.add(w);
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<SchemaWarning>> e : byKind.entrySet()) {
            List<SchemaWarning> all = new ArrayList<>(e.getValue());
            all.sort(BY_POSITION);
            if (all.size() <= SHOWN_IN_FULL + 1) {
                all.forEach(w -> out.add(w.toString()));
                continue;
            }
            for (int i = 0; i < SHOWN_IN_FULL; i++) {
                out.add(all.get(i).toString());
            }
            List<SchemaWarning> rest = all.subList(SHOWN_IN_FULL, all.size());
            List<String> places = new ArrayList<>();
            for (int i = 0; i < Math.min(PLACES_LISTED, rest.size()); i++) {
                places.add(rest.get(i).where().toString());
            }
            String more = rest.size() > PLACES_LISTED ? ", ..." : "";
            out.add("... and " + rest.size() + " more '" + e.getKey() + "' warnings at " + String.join(", ", places)
                    + more);
        }
        return out;
    }
}
