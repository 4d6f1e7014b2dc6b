package org.rushreg.loadtest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --flag value} options of one command. Every flag a command reads is declared with its default and
 * meaning first, so {@code --help} lists them and an unknown flag is an error instead of being silently ignored.
 */
public final class Options {

    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, String> meanings = new LinkedHashMap<>();
    private final Map<String, String> given = new LinkedHashMap<>();

    public Options flag(String name, String defaultValue, String meaning) {
        defaults.put(name, defaultValue);
        meanings.put(name, meaning);
        return this;
    }

    public Options parse(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!name.startsWith("--") || !defaults.containsKey(name.substring(2))) {
                throw new IllegalArgumentException("unknown option " + arg + "\n" + usage());
            }
            if (arg.contains("=")) {
                given.put(name.substring(2), arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                given.put(name.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return this;
    }

    public String string(String name) {
        if (!defaults.containsKey(name)) {
            throw new IllegalStateException("undeclared option " + name);
        }
        return given.getOrDefault(name, defaults.get(name));
    }

    public int integer(String name) {
        try {
            return Integer.parseInt(string(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + string(name));
        }
    }

    public double decimal(String name) {
        try {
            return Double.parseDouble(string(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + string(name));
        }
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(string(name));
    }

    public URI uri(String name) {
        String value = string(name);
        return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }

    public Path path(String name) {
        return Path.of(string(name));
    }

    public Duration seconds(String name) {
        return Duration.ofSeconds(integer(name));
    }

    /** The command line as given, for the report (so a run can be repeated exactly). */
    public String given() {
        StringBuilder text = new StringBuilder();
        given.forEach((k, v) -> text.append(" --").append(k).append(' ').append(v));
        return text.toString();
    }

    public String usage() {
        StringBuilder text = new StringBuilder("Options:\n");
        defaults.forEach((name, value) -> text.append(String.format("  --%-22s %s (default %s)%n", name,
                meanings.get(name), value.isEmpty() ? "none" : value)));
        return text.toString();
    }
}
