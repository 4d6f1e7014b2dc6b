package org.rushreg.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the events a load run needs as catalogue seed files (the registration-service reads them at start from
 * {@code CATALOGUE_SEED}): {@code rush} and {@code chaos} with the given seats, and two large events: {@code warmup}
 * and {@code open} (the open-loop steps, tens of thousands of registrations).
 * Each has one session {@code main}, a waitlist and an open registration window.
 */
final class SeedCommand {

    private SeedCommand() {
    }

    static void run(String... args) throws IOException {
        Options options = new Options()
                .flag("dir", "/tmp/rush-seed", "folder to write the seed files to")
                .flag("seats", "2000", "seats of the rush and chaos events")
                .parse(args);
        Path dir = Files.createDirectories(options.path("dir"));
        int seats = options.integer("seats");
        for (String[] event : new String[][]{{"rush", String.valueOf(seats)}, {"chaos", String.valueOf(seats)},
                {"warmup", "1000000"}, {"open", "1000000"}}) {
            Files.writeString(dir.resolve(event[0] + ".yml"), yaml(event[0], Integer.parseInt(event[1])));
        }
        System.out.println("Wrote rush.yml, chaos.yml, warmup.yml and open.yml to " + dir.toAbsolutePath() + ". Start the stack with:");
        System.out.println("  CATALOGUE_SEED='file:" + dir.toAbsolutePath() + "/*.yml' RATE_LIMIT_PER_CLIENT=0 "
                + "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar local-stack/target/local-stack.jar --fresh");
    }

    static String yaml(String id, int seats) {
        return """
                # Written by `load-test seed`: an event for load runs, not a real one.
                id: %s
                name: "Load test: %s"
                venue: Centrum Konferencyjne Fabryczna CFK_13
                venueAddress: ul. Fabryczna 13, 31-553 Kraków
                timeZone: Europe/Warsaw
                startsOn: "2030-10-07"
                endsOn: "2030-10-07"
                registrationOpensAt: "2024-01-01T00:00:00Z"
                registrationClosesAt: "2099-12-31T00:00:00Z"
                waitlistEnabled: true
                organiserEmail: kongres@obserwatorium.example.org
                sessions:
                  - id: main
                    title: "Sesja plenarna / Plenary"
                    startsAt: "2030-10-07T09:00:00+02:00"
                    endsAt: "2030-10-07T17:00:00+02:00"
                    capacity: %d
                """.formatted(id, id, seats);
    }
}
