package org.rushreg.messages.personaldata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns ({@code table.column}, lower case) that Flyway migrations leave behind, by a small scan of their SQL:
 * {@code create table}, {@code alter table ... add/drop/rename column}, {@code alter table ... rename to} and
 * {@code drop table}. Everything else (indexes, inserts, functions) is skipped. It is tolerant, not a parser: it
 * suits the plain DDL these migrations are written in, and a statement it cannot read adds nothing.
 */
final class MigrationColumns {

    private static final String NAME = "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)";
    private static final Pattern CREATE = Pattern.compile(
            "^create (?:(?:global |local )?(?:temp|temporary|unlogged) )?table (?:if not exists )?" + NAME
                    + " ?\\((.*)\\)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ALTER = Pattern.compile(
            "^alter table (?:if exists )?(?:only )?" + NAME + " (.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern DROP_TABLE = Pattern.compile(
            "^drop table (?:if exists )?(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ADD = Pattern.compile(
            "^add (?:column )?(?:if not exists )?" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP = Pattern.compile(
            "^drop (?:column )?(?:if exists )?" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern RENAME_COLUMN = Pattern.compile(
            "^rename (?:column )?" + NAME + " to " + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern RENAME_TABLE = Pattern.compile(
            "^rename to " + NAME, Pattern.CASE_INSENSITIVE);
    /** First words of a table element or an alter action that name no column. */
    private static final Set<String> NOT_COLUMNS = Set.of(
            "constraint", "primary", "unique", "foreign", "check", "exclude", "like");

    private final Set<String> columns = new TreeSet<>();

    /** Applies one migration's SQL; call in version order, as Flyway runs them. */
    MigrationColumns apply(String sql) {
        String text = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
        for (String statement : text.split(";")) {
            apply1(statement.strip().replaceAll("\\s+", " "));
        }
        return this;
    }

    Set<String> columns() {
        return new TreeSet<>(columns);
    }

    private void apply1(String statement) {
        Matcher create = CREATE.matcher(statement);
        if (create.find()) {
            String table = name(create.group(1));
            for (String element : topLevelParts(create.group(2))) {
                String first = firstWord(element);
                if (!first.isEmpty() && !NOT_COLUMNS.contains(first)) {
                    columns.add(table + "." + name(element.split(" ")[0]));
                }
            }
            return;
        }
        Matcher alter = ALTER.matcher(statement);
        if (alter.find()) {
            String table = name(alter.group(1));
            for (String action : topLevelParts(alter.group(2))) {
                alterAction(table, action);
            }
            return;
        }
        Matcher drop = DROP_TABLE.matcher(statement);
        if (drop.find()) {
            for (String table : drop.group(1).replaceAll("(?i) (cascade|restrict)$", "").split(",")) {
                removeTable(name(table.strip()));
            }
        }
    }

    private void alterAction(String table, String action) {
        String first = firstWord(action);
        Matcher renameTable = RENAME_TABLE.matcher(action);
        if (renameTable.find()) {
            String renamed = name(renameTable.group(1));
            for (String column : removeTable(table)) {
                columns.add(renamed + "." + column);
            }
            return;
        }
        Matcher rename = RENAME_COLUMN.matcher(action);
        if (rename.find() && !"constraint".equalsIgnoreCase(rename.group(1))) {
            columns.remove(table + "." + name(rename.group(1)));
            columns.add(table + "." + name(rename.group(2)));
            return;
        }
        if (first.equals("add") && !NOT_COLUMNS.contains(secondWord(action))) {
            Matcher add = ADD.matcher(action);
            if (add.find()) {
                columns.add(table + "." + name(add.group(1)));
            }
            return;
        }
        if (first.equals("drop") && !NOT_COLUMNS.contains(secondWord(action))) {
            Matcher drop = DROP.matcher(action);
            if (drop.find()) {
                columns.remove(table + "." + name(drop.group(1)));
            }
        }
    }

    /** Removes the table's columns and returns their names. */
    private List<String> removeTable(String table) {
        List<String> removed = new ArrayList<>();
        columns.removeIf(column -> {
            if (column.startsWith(table + ".")) {
                removed.add(column.substring(table.length() + 1));
                return true;
            }
            return false;
        });
        return removed;
    }

    /** The parts of a list separated by commas outside parentheses: {@code a int, primary key (a, b)}. */
    private static List<String> topLevelParts(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(list.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(list.substring(start).strip());
        return parts;
    }

    private static String firstWord(String text) {
        return text.isBlank() ? "" : text.strip().split("[ (]")[0].toLowerCase(Locale.ROOT);
    }

    private static String secondWord(String text) {
        String[] words = text.strip().split("[ (]+");
        return words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "";
    }

    /** A table or column name as PostgreSQL folds it: without its schema, unquoted names in lower case. */
    private static String name(String raw) {
        String bare = raw.strip();
        bare = bare.substring(bare.lastIndexOf('.') + 1);
        return bare.startsWith("\"") ? bare.replace("\"", "") : bare.toLowerCase(Locale.ROOT);
    }
}
