package org.rushreg.registration.catalogue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param seed     Spring resource pattern of the event seed files, one event per YAML file
 * @param cacheFor how long a read event definition is reused before it is read again (an organiser's change made on
 *                 another instance shows after at most this long; on the same instance at once)
 */
@ConfigurationProperties("rushreg.catalogue")
public record CatalogueProperties(String seed, @DefaultValue("1s") Duration cacheFor) {
}
