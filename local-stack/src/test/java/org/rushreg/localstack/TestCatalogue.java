package org.rushreg.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A seed file of one test event with one small session, and the CATALOGUE_SEED pattern that reads it. */
final class TestCatalogue {

    private TestCatalogue() {
    }

    /** Writes event {@code eventId} with session {@code workshop} of {@code seats} seats; the seed pattern. */
    static String write(Path dir, String eventId, int seats) throws IOException {
        return write(dir, eventId, seats, "");
    }

    /** The same with further settings of the event ({@code options}: YAML lines, each ending with a line break). */
    static String write(Path dir, String eventId, int seats, String options) throws IOException {
        Path catalogue = Files.createDirectories(dir.resolve("catalogue"));
        Files.writeString(catalogue.resolve(eventId + ".yml"), """
                id: %s
                name: Test event %s
                venue: Test hall
                venueAddress: ul. Testowa 1, 00-001 Warszawa
                timeZone: Europe/Warsaw
                startsOn: "2030-05-06"
                endsOn: "2030-05-06"
                registrationOpensAt: "2024-01-01T00:00:00Z"
                registrationClosesAt: "2099-12-31T00:00:00Z"
                waitlistEnabled: true
                organiserEmail: organiser@example.org
                %ssessions:
                  - id: workshop
                    title: "Workshop for %d"
                    startsAt: "2030-05-06T10:00:00+02:00"
                    endsAt: "2030-05-06T12:00:00+02:00"
                    capacity: %d
                """.formatted(eventId, eventId, options, seats, seats));
        return "file:" + catalogue.toAbsolutePath() + "/*.yml";
    }
}
