package org.rushreg.registration.catalogue;

import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EventDefinition;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.commands.CommandNotAcceptedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seeds the catalogue from the seed files at start and tells the capacity service about every new or changed
 * event with a {@link ConfigureEvent}. When the broker is not there yet, the start goes on and the definition is
 * sent again later: the stored hash of the last published definition says what is still owed.
 */
@Component
class CatalogueSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CatalogueSeeder.class);

    private final SeedFiles seedFiles;
    private final EventCatalogue catalogue;
    private final CommandLog commandLog;

    CatalogueSeeder(SeedFiles seedFiles, EventCatalogue catalogue, CommandLog commandLog) {
        this.seedFiles = seedFiles;
        this.catalogue = catalogue;
        this.commandLog = commandLog;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (EventDefinition event : seedFiles.read()) {
            boolean owed = catalogue.seed(event);
            log.info("Catalogue: event {} with {} sessions seeded{}", event.id(), event.sessions().size(),
                    owed ? ", configuration to publish" : ", unchanged");
        }
        publishOwed();
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT30S")
    void publishOwed() {
        for (EventDefinition event : catalogue.unpublished()) {
            try {
                commandLog.append(ConfigureEvent.of(event));
                catalogue.markPublished(event);
                log.info("Catalogue: ConfigureEvent for {} published", event.id());
            } catch (CommandNotAcceptedException e) {
                log.warn("Catalogue: ConfigureEvent for {} not taken by the broker, retrying in 30 s: {}", event.id(),
                        e.getMessage());
            }
        }
    }
}
