package org.rushreg.registration.registrant;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The Idempotency-Keys clients have used, each with the registration it names and a fingerprint of the request
 * that first used it (table {@code idempotency_keys}). The only database write a registration request waits for,
 * and only when it carries a key: a repeat with a different body must be refused at once with 422, which needs an
 * atomic first-use check before the answer (decision 0013).
 */
@Repository
class IdempotencyKeys {

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The registration id a key names: derived from the event and the key, so every instance and every repeat
     * computes the same id without asking anyone, and the capacity service (which decides each registration id
     * once) answers repeats.
     */
    static String registrationIdFor(String eventId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((eventId + "\u0000" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * Records the first use of a key. Returns true for the first use, false for a repeat of the same request;
     * throws {@link IdempotencyKeyReusedException} when the key came first with a different request.
     */
    boolean claim(String eventId, String idempotencyKey, String registrationId, String fingerprint) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Use> use = firstUse(eventId, idempotencyKey, registrationId, fingerprint);
            if (use.isPresent()) {
                if (!use.get().fingerprint().equals(fingerprint)) {
                    throw new IdempotencyKeyReusedException();
                }
                return use.get().first();
            }
            // A concurrent first use committed after this statement's snapshot: look again.
        }
        throw new IllegalStateException("The first use of an Idempotency-Key could not be read back");
    }

    /** The key was not used after all (its command never reached the broker): a retry may use it afresh. */
    void release(String eventId, String idempotencyKey, String registrationId) {
        jdbc.sql("delete from idempotency_keys where event_id = :event and idempotency_key = :key "
                        + "and registration_id = :id")
                .param("event", eventId).param("key", idempotencyKey).param("id", registrationId)
                .update();
    }

    private record Use(String fingerprint, boolean first) {
    }

    /** One round trip: insert the key, or read who has it. */
    private Optional<Use> firstUse(String eventId, String idempotencyKey, String registrationId, String fingerprint) {
        return jdbc.sql("""
                        with claimed as (
                            insert into idempotency_keys (event_id, idempotency_key, registration_id, request_hash)
                            values (:event, :key, :id, :hash)
                            on conflict (event_id, idempotency_key) do nothing
                            returning request_hash)
                        select request_hash, true as first from claimed
                        union all
                        select request_hash, false as first from idempotency_keys
                        where event_id = :event and idempotency_key = :key and not exists (select 1 from claimed)
                        """)
                .param("event", eventId).param("key", idempotencyKey).param("id", registrationId)
                .param("hash", fingerprint)
                .query((rs, n) -> new Use(rs.getString("request_hash"), rs.getBoolean("first")))
                .optional();
    }
}
