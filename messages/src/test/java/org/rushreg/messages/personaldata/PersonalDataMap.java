package org.rushreg.messages.personaldata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The entries of docs/personal-data.md that the guard checks. The format: a markdown table whose header's first
 * cell is {@code column} lists one {@code table.column} per row in its first cell; one whose header starts with
 * {@code field} lists one {@code MessageRecord.component}; one that starts with {@code topic} lists one topic name.
 * Backticks around an entry are ignored; tables with any other first header cell are for people only.
 */
final class PersonalDataMap {

    static final String FILE = "docs/personal-data.md";
    static final String COLUMN = "column";
    static final String FIELD = "field";
    static final String SEALED_FIELD = "sealed field";
    static final String TOPIC = "topic";

    private final Map<String, Set<String>> entries;

    private PersonalDataMap(Map<String, Set<String>> entries) {
        this.entries = entries;
    }

    static PersonalDataMap parse(String markdown) {
        Map<String, Set<String>> entries = new TreeMap<>();
        String kind = null; // the first header cell of the table the line is in; null outside tables
        for (String raw : markdown.split("\\R")) {
            String line = raw.strip();
            if (!line.startsWith("|")) {
                kind = null;
            } else if (kind == null) {
                kind = firstCell(line).toLowerCase(Locale.ROOT);
            } else if (!line.matches("[|:\\-\\s]+")) {
                entries.computeIfAbsent(kind, k -> new TreeSet<>()).add(firstCell(line));
            }
        }
        return new PersonalDataMap(entries);
    }

    /** The entries of the tables whose header starts with {@code kind}. */
    Set<String> entries(String kind) {
        return entries.getOrDefault(kind, Set.of());
    }

    /**
     * What is wrong between what the map lists and what the code has, as messages naming each entry: empty when
     * they agree. {@code what} names the entries ("columns"), {@code kind} the header of the tables they go in.
     */
    List<String> problems(String kind, String what, Set<String> found) {
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(found);
        missing.removeAll(entries(kind));
        if (!missing.isEmpty()) {
            problems.add(what + " missing from " + FILE + ": " + String.join(", ", missing) + ". Add each to a table "
                    + "headed '| " + kind + " |' in " + FILE + " with its purpose, legal basis and retention "
                    + "(personal data or not).");
        }
        Set<String> stale = new TreeSet<>(entries(kind));
        stale.removeAll(found);
        if (!stale.isEmpty()) {
            problems.add(FILE + " lists " + what + " that no longer exist: " + String.join(", ", stale)
                    + ". Remove them from the map or correct their names.");
        }
        return problems;
    }

    private static String firstCell(String row) {
        String[] cells = row.split("\\|", -1);
        return cells.length < 2 ? "" : cells[1].strip().replace("`", "");
    }
}
