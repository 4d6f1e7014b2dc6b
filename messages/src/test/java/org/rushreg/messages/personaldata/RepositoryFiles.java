package org.rushreg.messages.personaldata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The files of the whole checkout the guard reads: the map and every service's Flyway migrations. */
final class RepositoryFiles {

    private static final Pattern VERSION = Pattern.compile("^V(\\d+(?:[._]\\d+)*)__.*\\.sql$");

    private RepositoryFiles() {
    }

    /** The checkout's root: the folder holding the messages module, found upwards from the working directory. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("messages/pom.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No checkout root (a folder with messages/pom.xml) above "
                + Path.of("").toAbsolutePath());
    }

    static PersonalDataMap map() {
        return PersonalDataMap.parse(read(root().resolve(PersonalDataMap.FILE)));
    }

    /** Every module's {@code src/main/resources/db/migration/V*.sql}, in version order within the module. */
    static List<Path> migrations() {
        try (Stream<Path> modules = Files.list(root())) {
            return modules.map(module -> module.resolve("src/main/resources/db/migration"))
                    .filter(Files::isDirectory)
                    .sorted()
                    .flatMap(RepositoryFiles::versionedScripts)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The columns every module's migrations leave behind (each module has its own database). */
    static Set<String> migrationColumns() {
        Map<Path, MigrationColumns> byModule = new LinkedHashMap<>();
        for (Path script : migrations()) {
            byModule.computeIfAbsent(script.getParent(), dir -> new MigrationColumns()).apply(read(script));
        }
        Set<String> columns = new TreeSet<>();
        byModule.values().forEach(module -> columns.addAll(module.columns()));
        return columns;
    }

    private static Stream<Path> versionedScripts(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> VERSION.matcher(file.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(RepositoryFiles::version, RepositoryFiles::compareVersions))
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] version(Path script) {
        Matcher matcher = VERSION.matcher(script.getFileName().toString());
        matcher.matches();
        return Stream.of(matcher.group(1).split("[._]")).mapToLong(Long::parseLong).toArray();
    }

    private static int compareVersions(long[] a, long[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int order = Long.compare(i < a.length ? a[i] : 0, i < b.length ? b[i] : 0);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
