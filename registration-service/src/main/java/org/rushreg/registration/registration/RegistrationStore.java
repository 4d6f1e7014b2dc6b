package org.rushreg.registration.registration;

import java.util.List;
import java.util.Optional;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegistrationStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Registrations as this service accepted them; the read model fills in what was decided. */
@Repository
class RegistrationStore {

    private final JdbcClient jdbc;

    RegistrationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a PENDING registration; false when one with the same event and idempotency key exists. */
    boolean insertPending(String id, String eventId, String idempotencyKey, RegistrationRequest request,
                          ConsentVersions consents) {
        Registrant registrant = request.registrant();
        List<String> sessionIds = request.sessionIds();
        int rows = jdbc.sql("""
                insert into registrations (id, event_id, status, idempotency_key, request_hash, first_name, last_name,
                                           email, organisation, locale, sector, terms_version, privacy_version,
                                           optional_consent, accepted)
                values (:id, :event, :status, :key, :hash, :firstName, :lastName, :email, :organisation, :locale,
                        :sector, :terms, :privacy, :optional, false)
                on conflict (event_id, idempotency_key) do nothing
                """)
                .param("id", id).param("event", eventId).param("status", RegistrationStatus.PENDING.name())
                .param("key", idempotencyKey).param("hash", request.fingerprint())
                .param("firstName", registrant.firstName())
                .param("lastName", registrant.lastName()).param("email", registrant.email())
                .param("organisation", registrant.organisation()).param("locale", request.localeOrDefault())
                .param("sector", request.sector()).param("terms", consents.terms())
                .param("privacy", consents.privacy()).param("optional", request.consents().newsletterGiven())
                .update();
        if (rows == 0) {
            return false;
        }
        for (int i = 0; i < sessionIds.size(); i++) {
            jdbc.sql("""
                    insert into registration_sessions (registration_id, session_id, position, status)
                    values (:id, :session, :position, :status)
                    """)
                    .param("id", id).param("session", sessionIds.get(i)).param("position", i)
                    .param("status", RegistrationStatus.PENDING.name())
                    .update();
        }
        return true;
    }

    /** The registration first made with this key, and the fingerprint of the request that made it. */
    /**
     * The registration an Idempotency-Key was first used for: {@code accepted} once the broker has its command,
     * {@code abandoned} when it is still not after {@link #ABANDONED_AFTER} (the request that wrote it died).
     */
    record Keyed(String id, String requestHash, boolean accepted, boolean abandoned) {
    }

    /** Longer than any send may take (the producer gives up after its delivery timeout of 8 s). */
    static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofSeconds(30);

    Optional<Keyed> forKey(String eventId, String idempotencyKey) {
        return jdbc.sql("""
                        select id, request_hash, accepted or status <> 'PENDING' as accepted,
                               created_at < now() - :abandonedAfter * interval '1 second' as abandoned
                        from registrations where event_id = :event and idempotency_key = :key
                        """)
                .param("event", eventId).param("key", idempotencyKey)
                .param("abandonedAfter", ABANDONED_AFTER.toSeconds())
                .query((rs, n) -> new Keyed(rs.getString("id"), rs.getString("request_hash"),
                        rs.getBoolean("accepted"), rs.getBoolean("abandoned")))
                .optional();
    }

    /** The broker has the registration's command: from now on it is a promise. */
    void markAccepted(String id) {
        jdbc.sql("update registrations set accepted = true where id = :id").param("id", id).update();
    }

    /** The command was not taken (or its request died before it was): the row is not a registration. */
    void forgetUnaccepted(String id) {
        jdbc.sql("delete from registrations where id = :id and not accepted and status = 'PENDING'")
                .param("id", id).update();
    }

    /** The registrant's name as they gave it, for the manage page (reached only with a valid token). */
    Optional<String> registrantName(String id) {
        return jdbc.sql("select trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) from registrations "
                        + "where id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** The reason the latest change of sessions was refused; empty when it was made or none was answered yet. */
    Optional<String> lastChangeRefusal(String id) {
        return jdbc.sql("select reason from outcomes where registration_id = :id and kind = 'SESSIONS_CHANGED' "
                        + "order by applied_at desc limit 1")
                .param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getString("reason")))
                .optional().flatMap(reason -> reason);
    }

    Optional<RegistrationStatusView> find(String id) {
        return jdbc.sql("select id, event_id, status, reason from registrations where id = :id")
                .param("id", id)
                .query((rs, n) -> new RegistrationStatusView(rs.getString("id"), rs.getString("event_id"),
                        rs.getString("status"), sessions(id), rs.getString("reason")))
                .optional();
    }

    private List<RegistrationStatusView.SessionState> sessions(String id) {
        return jdbc.sql("""
                select session_id, status, waitlist_position from registration_sessions
                where registration_id = :id order by position, session_id
                """)
                .param("id", id)
                .query((rs, n) -> new RegistrationStatusView.SessionState(rs.getString("session_id"),
                        rs.getString("status"), (Integer) rs.getObject("waitlist_position")))
                .list();
    }
}
