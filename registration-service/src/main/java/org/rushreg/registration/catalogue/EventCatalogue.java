package org.rushreg.registration.catalogue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.SessionSeats;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events people can register for, as stored in PostgreSQL: each definition as seeded, and the seats per
 * session as last reported by the capacity service.
 *
 * <p>Every registration reads its event's definition; in a rush that was a query and a JSON parse per request for
 * a definition that changes a few times in its life. A definition found is reused for
 * {@code rushreg.catalogue.cache-for} ({@code CATALOGUE_CACHE_FOR}, 1 s): a save on this instance forgets it at
 * once, a save on another instance is seen here within that time. Unknown ids are not remembered, so made-up ids
 * cannot fill the memory.
 */
@Repository
public class EventCatalogue {

    private final JdbcClient jdbc;
    private final long cacheForNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(EventDefinition event, long readAtNanos) {
    }

    public EventCatalogue(JdbcClient jdbc, CatalogueProperties properties) {
        this.jdbc = jdbc;
        this.cacheForNanos = properties.cacheFor().toNanos();
    }

    public Optional<EventDefinition> find(String eventId) {
        long now = System.nanoTime();
        Cached cached = cache.get(eventId);
        if (cached != null && now - cached.readAtNanos() < cacheForNanos) {
            return Optional.of(cached.event());
        }
        Optional<EventDefinition> read = read(eventId);
        read.ifPresentOrElse(event -> cache.put(eventId, new Cached(event, now)), () -> cache.remove(eventId));
        return read;
    }

    private Optional<EventDefinition> read(String eventId) {
        return jdbc.sql("select definition_json from events where id = :id")
                .param("id", eventId)
                .query(String.class)
                .optional()
                .map(EventCatalogue::definition);
    }

    public List<EventDefinition> all() {
        return jdbc.sql("select definition_json from events order by id")
                .query(String.class)
                .list()
                .stream()
                .map(EventCatalogue::definition)
                .toList();
    }

    /**
     * The events whose no-shows the service releases by itself (decision 0044), in one query: the automatic release
     * reads this on each of its checks and works out the rest in memory.
     */
    public List<EventDefinition> releasingNoShowsAutomatically() {
        return jdbc.sql("select definition_json from events "
                        + "where (definition_json::jsonb ->> 'noShowReleaseAutomatic') = 'true' order by id")
                .query(String.class)
                .list()
                .stream()
                .map(EventCatalogue::definition)
                .filter(EventDefinition::releasesNoShowsAutomatically)
                .toList();
    }

    /** An event as the API and the pages show it, with the live seats of each session. */
    public Optional<EventView> view(String eventId, Instant now) {
        return find(eventId).map(e -> EventView.of(e, seats(e.id()), now));
    }

    public List<EventView> views(Instant now) {
        return all().stream().map(e -> EventView.of(e, seats(e.id()), now)).toList();
    }

    /** Seats per session id of one event; sessions the capacity service has not reported yet count zero. */
    public Map<String, SessionSeats> seats(String eventId) {
        return jdbc.sql("select id, capacity, confirmed, waitlisted from sessions where event_id = :id")
                .param("id", eventId)
                .query((rs, n) -> new SessionSeats(rs.getString("id"), rs.getInt("capacity"),
                        rs.getInt("confirmed"), rs.getInt("waitlisted")))
                .list()
                .stream()
                .collect(Collectors.toMap(SessionSeats::sessionId, s -> s));
    }

    /**
     * Stores a seed file's definition, unless this same definition was seeded before: an event changed in the
     * organiser area keeps its changes over restarts until its seed file itself changes. True when the stored
     * definition still has to be published.
     */
    @Transactional
    boolean seed(EventDefinition event) {
        String seedHash = sha256(MessageJson.toJson(event));
        Optional<String> seeded = jdbc.sql("select coalesce(seed_hash, '') from events where id = :id")
                .param("id", event.id()).query(String.class).optional();
        if (seeded.isPresent() && seeded.get().equals(seedHash)) {
            return jdbc.sql("select published_hash is distinct from definition_hash from events where id = :id")
                    .param("id", event.id()).query(Boolean.class).single();
        }
        boolean owed = save(event);
        jdbc.sql("update events set seed_hash = :hash where id = :id").param("id", event.id()).param("hash", seedHash)
                .update();
        return owed;
    }

    /** Stores the definition (keeping the seat counts of sessions that stay); true when it still has to be published. */
    @Transactional
    public boolean save(EventDefinition event) {
        forgetAfterCommit(event.id());
        String json = MessageJson.toJson(event);
        String hash = sha256(json);
        jdbc.sql("""
                insert into events (id, name, definition_json, definition_hash) values (:id, :name, :json, :hash)
                on conflict (id) do update set name = excluded.name, definition_json = excluded.definition_json,
                    definition_hash = excluded.definition_hash, updated_at = now()
                """)
                .param("id", event.id()).param("name", event.name()).param("json", json).param("hash", hash)
                .update();
        List<SessionDefinition> sessions = event.sessions();
        for (int i = 0; i < sessions.size(); i++) {
            SessionDefinition s = sessions.get(i);
            jdbc.sql("""
                    insert into sessions (event_id, id, position, title, starts_at, ends_at, capacity)
                    values (:event, :id, :position, :title, :startsAt, :endsAt, :capacity)
                    on conflict (event_id, id) do update set position = excluded.position, title = excluded.title,
                        starts_at = excluded.starts_at, ends_at = excluded.ends_at, capacity = excluded.capacity
                    """)
                    .param("event", event.id()).param("id", s.id()).param("position", i).param("title", s.title())
                    .param("startsAt", Timestamp.from(s.startsAt())).param("endsAt", Timestamp.from(s.endsAt()))
                    .param("capacity", s.capacity())
                    .update();
        }
        jdbc.sql("delete from sessions where event_id = :event and not (id = any(:ids))")
                .param("event", event.id())
                .param("ids", sessions.stream().map(SessionDefinition::id).toArray(String[]::new))
                .update();
        return !hash.equals(jdbc.sql("select coalesce(published_hash, '') from events where id = :id")
                .param("id", event.id()).query(String.class).single());
    }

    /** Forgets the cached definition now and again once the change is committed (a read in between saw the old). */
    private void forgetAfterCommit(String eventId) {
        cache.remove(eventId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.remove(eventId);
                }
            });
        }
    }

    /** Definitions whose latest version has not yet reached the command log. */
    List<EventDefinition> unpublished() {
        return jdbc.sql("select definition_json from events where published_hash is distinct from definition_hash")
                .query(String.class)
                .list()
                .stream()
                .map(EventCatalogue::definition)
                .toList();
    }

    public void markPublished(EventDefinition event) {
        jdbc.sql("update events set published_hash = :hash where id = :id and definition_hash = :hash")
                .param("id", event.id()).param("hash", sha256(MessageJson.toJson(event)))
                .update();
    }

    private static EventDefinition definition(String json) {
        return MessageJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), EventDefinition.class);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
