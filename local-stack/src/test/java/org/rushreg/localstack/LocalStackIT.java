package org.rushreg.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
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

    private static final String EVENT = """
            id: rush-test
            name: Rush test event
            venue: Test hall
            venueAddress: ul. Testowa 1, 00-001 Warszawa
            timeZone: Europe/Warsaw
            startsOn: "2030-05-06"
            endsOn: "2030-05-06"
            registrationOpensAt: "2024-01-01T00:00:00Z"
            registrationClosesAt: "2099-12-31T00:00:00Z"
            waitlistEnabled: true
            organiserEmail: organiser@example.org
            sessions:
              - id: workshop
                title: "Workshop for twenty"
                startsAt: "2030-05-06T10:00:00+02:00"
                endsAt: "2030-05-06T12:00:00+02:00"
                capacity: 20
            """;

    @TempDir
    Path dir;

    @Test
    void fiftyPeopleAtOnceForTwentySeats() throws Exception {
        Path catalogue = Files.createDirectories(dir.resolve("catalogue"));
        Files.writeString(catalogue.resolve("rush-test.yml"), EVENT);
        Path root = Path.of(System.getProperty("rushreg.root", ".."));
        Settings settings = Settings.onFreePorts(root, dir.resolve("data"))
                .withServiceEnv(Map.of("CATALOGUE_SEED", "file:" + catalogue.toAbsolutePath() + "/*.yml"));

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
