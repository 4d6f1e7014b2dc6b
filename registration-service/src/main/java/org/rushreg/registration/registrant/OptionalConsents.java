package org.rushreg.registration.registrant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.rushreg.registration.observability.RegistrationLogContext;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.organiser.audit.OrganiserAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The optional consent (news about future events) of a registration and its withdrawal on the manage page
 * (GDPR Art. 7(3), decision 0043): only with the registration's manage-link token, recorded with when and which
 * version, audited by registration id, and withdrawn once. It is not a seat matter, so it is written here at once
 * and never travels as a command: no other service uses the consent.
 */
@Component
class OptionalConsents {

    private static final Logger log = LoggerFactory.getLogger(OptionalConsents.class);

    /** Who the audit log names for a registrant's own action: the registration id says which one. */
    static final String REGISTRANT = "registrant";

    /** What a withdrawal did: withdrew the consent now, or found it withdrawn before. */
    enum Withdrawal { WITHDRAWN, ALREADY_WITHDRAWN }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final ManageLinks manageLinks;
    private final Clock clock;

    OptionalConsents(JdbcClient jdbc, TransactionTemplate transactions, AuditTrail audit, ManageLinks manageLinks,
                     Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.manageLinks = manageLinks;
        this.clock = clock;
    }

    /** The optional consent of the registration, if it was given (withdrawn or not). */
    Optional<OptionalConsent> of(String registrationId) {
        return jdbc.sql("""
                        select newsletter_version, created_at, newsletter_withdrawn_at from registrations
                        where id = :id and erased_at is null
                          and (optional_consent or newsletter_withdrawn_at is not null)""")
                .param("id", registrationId)
                .query((rs, n) -> new OptionalConsent(rs.getString(1), instant(rs.getTimestamp(2)),
                        instant(rs.getTimestamp(3))))
                .optional();
    }

    /**
     * Withdraws the registration's optional consent; a second withdrawal changes nothing and says so. Throws
     * {@link InvalidManageTokenException} (403) without a valid token, {@link NoOptionalConsentException} (409) when
     * the consent was never given.
     */
    Withdrawal withdraw(String registrationId, String token) {
        RegistrationLogContext.put(registrationId);
        if (!manageLinks.allows(registrationId, token)) {
            log.info("Registration {}: withdrawal of the optional consent refused, bad manage token", registrationId);
            throw new InvalidManageTokenException();
        }
        Withdrawal withdrawal = transactions.execute(status -> {
            Optional<Withdrawn> withdrawn = jdbc.sql("""
                            update registrations set optional_consent = false, newsletter_withdrawn_at = :at
                            where id = :id and optional_consent and erased_at is null
                            returning event_id, newsletter_version""")
                    .param("id", registrationId).param("at", Timestamp.from(clock.instant()))
                    .query((rs, n) -> new Withdrawn(rs.getString(1), rs.getString(2))).optional();
            if (withdrawn.isPresent()) {
                audit.record(REGISTRANT, OrganiserAction.CONSENT_WITHDRAWN, withdrawn.get().eventId(), registrationId,
                        "optional consent version " + withdrawn.get().version() + " withdrawn on the manage page");
                return Withdrawal.WITHDRAWN;
            }
            if (of(registrationId).filter(OptionalConsent::withdrawn).isPresent()) {
                return Withdrawal.ALREADY_WITHDRAWN;
            }
            throw new NoOptionalConsentException();
        });
        log.info("Registration {}: optional consent {}", registrationId,
                withdrawal == Withdrawal.WITHDRAWN ? "withdrawn" : "was withdrawn before, nothing changed");
        return withdrawal;
    }

    private record Withdrawn(String eventId, String version) {
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
