package org.rushreg.registration.registrant;

import java.time.Clock;
import org.rushreg.messages.ManageToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Checks the token of a registrant's manage link (signed by notification-service with the shared secret). */
@Component
class ManageLinks {

    private static final Logger log = LoggerFactory.getLogger(ManageLinks.class);

    private final ManageToken token;
    private final Clock clock;

    ManageLinks(ManageLinkProperties properties, Clock clock) {
        this.token = ManageToken.withSecretOrRandom(properties.manageLinkSecret());
        if (token.ephemeral()) {
            log.warn("MANAGE_LINK_SECRET is not set: using a random secret for this run only; manage links in emails "
                    + "from notification-service will not be accepted unless both services share one secret");
        }
        this.clock = clock;
    }

    boolean allows(String registrationId, String presented) {
        return token.verify(registrationId, presented, clock.instant());
    }
}
