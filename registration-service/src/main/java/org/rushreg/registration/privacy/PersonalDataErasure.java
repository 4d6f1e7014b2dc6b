package org.rushreg.registration.privacy;

import java.util.Collection;
import org.rushreg.messages.ErasureConfirmed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What erasing people means for the read model, whether a whole event's after its retention ({@link EventRetention})
 * or one person's on request ({@link PersonErasures}): names, addresses, organisations, languages, consent versions
 * and request keys go; each registration's id, status, sessions, sector and times stay, so the counts and statistics
 * stay right. Each row is marked erased, so that a decision read again (a consumer that starts from an older
 * offset) brings nothing of the person back. Runs inside the caller's transaction.
 */
@Component
public class PersonalDataErasure {

    private static final String PERSONAL_COLUMNS = """
            first_name = null, last_name = null, email = null, organisation = null, locale = null,
            terms_version = null, privacy_version = null, optional_consent = false, newsletter_version = null,
            newsletter_withdrawn_at = null, idempotency_key = null,
            request_hash = null, erased_at = coalesce(erased_at, now())""";

    private final JdbcClient jdbc;

    PersonalDataErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Erases the people of an event; the number of its registrations. */
    int eraseEvent(String eventId) {
        int registrations = jdbc.sql("update registrations set " + PERSONAL_COLUMNS + " where event_id = :event")
                .param("event", eventId).update();
        jdbc.sql("delete from idempotency_keys where event_id = :event").param("event", eventId).update();
        // A mail server's refusal may quote the address.
        jdbc.sql("update email_deliveries set reason = null where event_id = :event").param("event", eventId).update();
        return registrations;
    }

    /**
     * Erases the person behind each registration the capacity-service erased (its {@code RegistrationErased}) and
     * records that the read model and the capacity state forgot them for {@code erasureId}. Idempotent.
     */
    public void eraseRegistration(String erasureId, String registrationId) {
        jdbc.sql("update registrations set " + PERSONAL_COLUMNS + " where id = :id").param("id", registrationId)
                .update();
        jdbc.sql("delete from idempotency_keys where registration_id = :id").param("id", registrationId).update();
        jdbc.sql("update email_deliveries set reason = null where registration_id = :id")
                .param("id", registrationId).update();
        if (erasureId != null) {
            confirm(erasureId, registrationId, ErasureConfirmed.CAPACITY);
            confirm(erasureId, registrationId, ErasureConfirmed.READ_MODEL);
        }
    }

    /** Records one store's confirmation; a repeat changes nothing. */
    void confirm(String erasureId, String registrationId, String store) {
        jdbc.sql("""
                        insert into erasure_confirmations (erasure_id, store, registration_id)
                        values (:erasure, :store, :registration) on conflict do nothing""")
                .param("erasure", erasureId).param("store", store).param("registration", registrationId).update();
    }

    /** As {@link #confirm}, for each confirmation of a poll. */
    void confirmAll(Collection<ErasureConfirmed> confirmations) {
        confirmations.forEach(c -> confirm(c.erasureId(), c.registrationId(), c.store()));
    }
}
