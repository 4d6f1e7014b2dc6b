package org.rushreg.registration.catalogue;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param seed Spring resource pattern of the event seed files, one event per YAML file */
@ConfigurationProperties("rushreg.catalogue")
public record CatalogueProperties(String seed) {
}
