package org.rushreg.deploycheck;

import java.nio.file.Files;
import java.nio.file.Path;

final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** The repository root: Maven runs the tests in deploy-check/, an IDE may run them from the root. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the tests inside the repository: no docker-compose.yml above "
                + Path.of("").toAbsolutePath());
    }
}
