package org.rushreg.registration.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.organiser.audit.OrganiserAction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the system holds about one person of one event, for the organiser to answer an access request (GDPR Art. 15):
 * everything the read model keeps of the registrations under their address (trimmed, any case), their sessions, the
 * decisions and email reports about them, and a note of what the other services keep and where. Audited without the
 * person's data.
 */
@Component
public class PersonAccess {

    /** What the other stores hold about a registration, as docs/personal-data.md lists it. */
    static final List<Map<String, String>> ELSEWHERE = List.of(
            Map.of("store", "notification-service",
                    "holds", "recipient: first and last name, address and language of each confirmed or waitlisted "
                            + "registration; sent_email: which emails were sent (kind, status, time), no address; "
                            + "reminder_claim: a keyed digest of the address"),
            Map.of("store", "capacity-service",
                    "holds", "each registration's status and seats and a keyed digest (HMAC) of the address"),
            Map.of("store", "Kafka topics",
                    "holds", "registration.commands and registration.decisions keep the registration (name, address, "
                            + "organisation, sector, language, consents) until their retention.ms and one segment.ms, a "
                            + "seventh of it, have passed (8 days by default; decision 0048)"));

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    PersonAccess(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Everything held about the person; an {@link ErasureRefusal} (400, 404) when the request is invalid or nobody. */
    public Map<String, Object> of(String eventId, String email, String organiser) {
        PersonErasures.check(eventId, email);
        List<Map<String, Object>> registrations = jdbc.sql("""
                        select id, status, reason, first_name, last_name, email, organisation, sector, locale,
                               terms_version, privacy_version, optional_consent, newsletter_version,
                               newsletter_withdrawn_at, created_at, decided_at
                        from registrations where event_id = :event and lower(trim(email)) = lower(trim(:email))
                        order by created_at""")
                .param("event", eventId).param("email", email).query((rs, row) -> {
                    Map<String, Object> registration = new LinkedHashMap<>();
                    registration.put("registrationId", rs.getString("id"));
                    registration.put("status", rs.getString("status"));
                    registration.put("reason", rs.getString("reason"));
                    registration.put("firstName", rs.getString("first_name"));
                    registration.put("lastName", rs.getString("last_name"));
                    registration.put("email", rs.getString("email"));
                    registration.put("organisation", rs.getString("organisation"));
                    registration.put("sector", rs.getString("sector"));
                    registration.put("locale", rs.getString("locale"));
                    registration.put("termsVersion", rs.getString("terms_version"));
                    registration.put("privacyVersion", rs.getString("privacy_version"));
                    registration.put("optionalConsent", rs.getBoolean("optional_consent"));
                    registration.put("optionalConsentVersion", rs.getString("newsletter_version"));
                    registration.put("optionalConsentWithdrawnAt", instant(rs.getTimestamp("newsletter_withdrawn_at")));
                    registration.put("registeredAt", instant(rs.getTimestamp("created_at")));
                    registration.put("decidedAt", instant(rs.getTimestamp("decided_at")));
                    return registration;
                }).list();
        if (registrations.isEmpty()) {
            throw ErasureRefusal.unknownPerson(eventId);
        }
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> registration : registrations) {
            String id = (String) registration.get("registrationId");
            ids.add(id);
            registration.put("sessions", jdbc.sql("""
                            select session_id, status, waitlist_position from registration_sessions
                            where registration_id = :id order by position""").param("id", id)
                    .query((rs, row) -> {
                        Map<String, Object> session = new LinkedHashMap<>();
                        session.put("sessionId", rs.getString(1));
                        session.put("status", rs.getString(2));
                        session.put("waitlistPosition", rs.getObject(3));
                        return session;
                    }).list());
            registration.put("decisions", jdbc.sql("""
                            select kind, reason, applied_at from outcomes where registration_id = :id
                            order by applied_at""").param("id", id)
                    .query((rs, row) -> {
                        Map<String, Object> decision = new LinkedHashMap<>();
                        decision.put("kind", rs.getString(1));
                        decision.put("reason", rs.getString(2));
                        decision.put("at", instant(rs.getTimestamp(3)));
                        return decision;
                    }).list());
            registration.put("emails", jdbc.sql("""
                            select kind, status, reason, reported_at from email_deliveries where registration_id = :id
                            order by reported_at""").param("id", id)
                    .query((rs, row) -> {
                        Map<String, Object> delivery = new LinkedHashMap<>();
                        delivery.put("kind", rs.getString(1));
                        delivery.put("status", rs.getString(2));
                        delivery.put("reason", rs.getString(3));
                        delivery.put("at", instant(rs.getTimestamp(4)));
                        return delivery;
                    }).list());
        }
        audit.record(organiser, OrganiserAction.ACCESS_REQUESTED, eventId, null,
                registrations.size() + " registrations shown");
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("eventId", eventId);
        person.put("registrations", registrations);
        person.put("elsewhere", ELSEWHERE);
        return person;
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
