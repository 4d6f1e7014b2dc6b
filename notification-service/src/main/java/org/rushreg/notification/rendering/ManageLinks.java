package org.rushreg.notification.rendering;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.ManageToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signed links that let a registrant view or cancel a registration without an account. */
public class ManageLinks {

    private static final Logger log = LoggerFactory.getLogger(ManageLinks.class);

    static final Duration MINIMUM_VALIDITY = Duration.ofDays(30);

    private final String publicUrl;
    private final ManageToken token;

    public ManageLinks(String publicUrl, String secret) {
        this.publicUrl = publicUrl;
        this.token = ManageToken.withSecretOrRandom(secret);
        if (token.ephemeral()) {
            // Links signed with a secret only this process knows cannot be checked by registration-service.
            log.warn("MANAGE_LINK_SECRET is empty: manage links are signed with a random secret and will not be "
                    + "accepted by registration-service or after a restart");
        }
    }

    public String linkFor(String registrationId, EventSummary event, Instant issuedAt) {
        return publicUrl + "/registrations/" + registrationId + "/manage?token="
                + token.sign(registrationId, expiry(event, issuedAt));
    }

    /**
     * The link of a verification email (decision 0030): a page that asks for one press of a button, so that a mail
     * scanner following the link verifies nothing. It carries the manage token: whoever can read the email may both
     * verify and manage the registration, and nobody else can guess it.
     */
    public String verifyLinkFor(String registrationId, EventSummary event, Instant issuedAt) {
        return publicUrl + "/registrations/" + registrationId + "/verify?token="
                + token.sign(registrationId, expiry(event, issuedAt));
    }

    /**
     * The link stays valid until the end of the day after the event (UTC), so late cancellations still work, and
     * never for less than {@link #MINIMUM_VALIDITY} after the email, so that a link is never dead on arrival
     * (see docs/decisions/0004).
     */
    static Instant expiry(EventSummary event, Instant issuedAt) {
        Instant afterEvent = event.endsOn().plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant minimum = issuedAt.plus(MINIMUM_VALIDITY);
        return afterEvent.isAfter(minimum) ? afterEvent : minimum;
    }

}
