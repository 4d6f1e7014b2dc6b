package org.rushreg.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system as {@code java -jar local-stack.jar} runs it — real Kafka, PostgreSQL, SMTP and the three
 * service jars as child JVMs — on free ports in a temporary folder, with a test event of one 20-seat session.
 * Runs in {@code ./mvnw verify} after the service jars are packaged (the root pom builds local-stack last).
 */
class LocalStackIT {

    @TempDir
    Path dir;

    @Test
    void fiftyPeopleAtOnceForTwentySeats() throws Exception {
        String seed = TestCatalogue.write(dir, "rush-test", 20);
        Path root = Path.of(System.getProperty("rushreg.root", ".."));
        Settings settings = Settings.onFreePorts(root, dir.resolve("data"))
                .withServiceEnv(Map.of("CATALOGUE_SEED", seed));

        try (LocalStack stack = new LocalStack(settings)) {
            // fails at once, naming the missing jars and the build command, when this module is built alone
            stack.checkJars();
            stack.start();
            System.out.println("Local stack with services started in " + stack.startupTime().toSeconds() + " s");

            RushScenario.Outcome outcome = new RushScenario(URI.create(settings.registrationUrl()),
                    RushScenario.localInbox(URI.create(settings.inboxUrl()))).run("rush-test", "workshop", 50);

            assertThat(outcome).isEqualTo(new RushScenario.Outcome(20, 30));
        }
    }
}
