package org.rushreg.registration.registrant;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.ChangeSessions;
import org.rushreg.messages.ConsentRecord;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.VerifyEmail;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.observability.RegistrationLogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

/**
 * Takes registrations and cancellations and turns them into commands on the event's log.
 *
 * <p>A registration is one durable thing while the client waits: its command on Kafka, acknowledged by the
 * broker; the 202 goes out after that. The read model records it from the topics, off the request path. A
 * request with an {@code Idempotency-Key} gets the id derived from event and key, so a repeat, on any instance and
 * at any time, names the same registration and sends its command again, which the capacity service (deciding each
 * registration id once, the first command's choice kept) answers with nothing new (decision 0013). The same key
 * with another body is refused (422) where this instance still remembers the first use (decision 0041).
 */
@Service
class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final EventCatalogue catalogue;
    private final RegistrationStore store;
    private final RecentlyAccepted recent;
    private final CommandLog commandLog;
    private final ManageLinks manageLinks;
    private final ConsentVersions consentVersions;
    private final boolean hideDuplicates;

    Registrations(EventCatalogue catalogue, RegistrationStore store, RecentlyAccepted recent,
                  CommandLog commandLog, ManageLinks manageLinks, ConsentVersions consentVersions,
                  @Value("${rushreg.public-status.hide-duplicates:false}") boolean hideDuplicates) {
        this.catalogue = catalogue;
        this.store = store;
        this.recent = recent;
        this.commandLog = commandLog;
        this.manageLinks = manageLinks;
        this.consentVersions = consentVersions;
        this.hideDuplicates = hideDuplicates;
    }

    record Accepted(String registrationId, boolean repeat) {
    }

    Accepted register(String eventId, RegistrationRequest request, String idempotencyKey) {
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        checkSessions(event, request.sessionIds());
        String id = idempotencyKey == null ? UUID.randomUUID().toString() : registrationIdFor(eventId, idempotencyKey);
        RecentlyAccepted.Use use = idempotencyKey == null ? RecentlyAccepted.Use.FIRST
                : recent.claim(id, eventId, request.sessionIds(), request.fingerprint());
        if (use == RecentlyAccepted.Use.OTHER_BODY) {
            throw new IdempotencyKeyReusedException();
        }
        boolean repeat = use == RecentlyAccepted.Use.REPEAT;
        RegistrationLogContext.put(id);
        try {
            // A repeat sends the command again: the first request may have died before its send, and the capacity
            // service decides a registration id only once.
            commandLog.append(RegisterAttendee.of(eventId, id, request.registrant(), request.sessionIds(),
                    request.localeOrDefault(), request.sector(), new ConsentRecord(consentVersions.terms(),
                            consentVersions.privacy(), request.consents().newsletterGiven(),
                            request.consents().newsletterGiven() ? consentVersions.newsletter() : null)));
        } catch (RuntimeException e) {
            if (!repeat) {
                recent.forget(id);
            }
            throw e;
        }
        if (idempotencyKey == null) {
            recent.remember(id, eventId, request.sessionIds());
        }
        if (repeat) {
            log.info("Registration {} for event {}: repeated request, answered with the same id", id, eventId);
        } else {
            log.info("Registration {} for event {} accepted (PENDING), sessions {}", id, eventId, request.sessionIds());
        }
        return new Accepted(id, repeat);
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
     * The status as anyone with the id may see it: a duplicate is REJECTED (ALREADY_REGISTERED), or RECEIVED when
     * duplicates are hidden (decision 0016); for an event that requires email verification, RECEIVED until the
     * address is verified (decision 0035).
     */
    RegistrationStatusView status(String registrationId) {
        RegistrationStatusView registration = recorded(registrationId);
        return forAnyone(registration, catalogue.find(registration.eventId()).orElse(null));
    }

    /** The status as recorded: only for whoever holds the registration's manage-link token (its emails' reader). */
    private RegistrationStatusView recorded(String registrationId) {
        return store.find(registrationId).or(() -> recent.pending(registrationId))
                .orElseThrow(() -> new UnknownRegistrationException(registrationId));
    }

    private RegistrationStatusView forAnyone(RegistrationStatusView registration, EventDefinition event) {
        return registration.forAnyone(hideDuplicates,
                event != null && Boolean.TRUE.equals(event.requireEmailVerification()));
    }

    /** The status with the event's and sessions' names, for the public pages. */
    StatusPage statusPage(String registrationId) {
        return statusPage(registrationId, LocaleContextHolder.getLocale().getLanguage());
    }

    /** The same with the titles in {@code language}, for a page rendered outside its request (the live updates). */
    StatusPage statusPage(String registrationId, String language) {
        RegistrationStatusView registration = recorded(registrationId);
        EventDefinition event = catalogue.find(registration.eventId()).orElse(null);
        return page(forAnyone(registration, event), event, language);
    }

    /** The same for the pages of the emailed links, which show the status as recorded (a hold as HELD). */
    private StatusPage ownersPage(String registrationId) {
        RegistrationStatusView registration = recorded(registrationId);
        return page(registration, catalogue.find(registration.eventId()).orElse(null),
                LocaleContextHolder.getLocale().getLanguage());
    }

    /** {@code language}: the reader's, for the event's name and the sessions' titles (decision 0045). */
    private StatusPage page(RegistrationStatusView registration, EventDefinition event, String language) {
        Instant heldUntil = "HELD".equals(registration.status()) || "CANCELLED".equals(registration.status())
                ? store.heldUntil(registration.registrationId()).orElse(null) : null;
        return StatusPage.of(registration, event, heldUntil, language);
    }

    /**
     * What the verification page of a registration held for email verification shows (decision 0030); only with a
     * valid manage-link token, which the verification email carries.
     */
    record Verification(StatusPage registration) {

        /** Held, or not yet in the read model (the link can be quicker than this service's reading of the hold). */
        boolean awaiting() {
            return registration.held() || "PENDING".equals(registration.status());
        }

        boolean expired() {
            return "CANCELLED".equals(registration.status()) && HOLD_EXPIRED.equals(registration.reason());
        }

        boolean verified() {
            return "CONFIRMED".equals(registration.status()) || "WAITLISTED".equals(registration.status());
        }
    }

    static final String HOLD_EXPIRED = "HOLD_EXPIRED";

    Verification verification(String registrationId, String token) {
        checkToken(registrationId, token, "verification page");
        return new Verification(ownersPage(registrationId));
    }

    /**
     * Sends {@code VerifyEmail} for a registration that awaits it; the capacity-service decides whether it still
     * counts (a hold that ended, or was verified already, changes nothing there). Returns what the page shows.
     */
    Verification verify(String registrationId, String token) {
        RegistrationLogContext.put(registrationId);
        Verification verification = verification(registrationId, token);
        if (verification.awaiting()) {
            commandLog.append(VerifyEmail.of(verification.registration().eventId(), registrationId));
            log.info("Registration {} for event {}: email verified, sent for the decision", registrationId,
                    verification.registration().eventId());
        }
        return verification;
    }

    /** What the manage page shows: the registration and who made it; only with a valid manage-link token. */
    record Managed(StatusPage registration, String registrantName) {
    }

    Managed manage(String registrationId, String token) {
        checkToken(registrationId, token, "manage page");
        return new Managed(ownersPage(registrationId), store.registrantName(registrationId).orElse(""));
    }

    void cancel(String registrationId, String token) {
        RegistrationLogContext.put(registrationId);
        checkToken(registrationId, token, "cancellation");
        RegistrationStatusView registration = status(registrationId);
        commandLog.append(CancelRegistration.of(registration.eventId(), registrationId));
        log.info("Registration {} for event {}: cancellation requested", registrationId, registration.eventId());
    }

    /**
     * Asks the capacity service for another set of sessions (kept seats stay, dropped ones are released, new ones
     * decided); the answer comes back as a {@code SessionsChanged}. Returns the id of the command.
     */
    String changeSessions(String registrationId, String token, List<String> sessionIds) {
        RegistrationLogContext.put(registrationId);
        checkToken(registrationId, token, "change of sessions");
        RegistrationStatusView registration = status(registrationId);
        EventDefinition event = catalogue.find(registration.eventId())
                .orElseThrow(() -> new UnknownEventException(registration.eventId()));
        if (sessionIds == null || sessionIds.isEmpty()) {
            throw new InvalidSessionChoiceException(List.of("choose at least one session"));
        }
        checkSessions(event, sessionIds);
        ChangeSessions change = ChangeSessions.of(registration.eventId(), registrationId, sessionIds);
        commandLog.append(change);
        log.info("Registration {} for event {}: change of sessions requested, sessions {}", registrationId,
                registration.eventId(), sessionIds);
        return change.messageId();
    }

    /** Why the latest change of sessions was refused; empty when it was made (or none was asked for). */
    java.util.Optional<String> lastChangeRefusal(String registrationId) {
        return store.lastChangeRefusal(registrationId);
    }

    /** The event's sessions, for the manage page's choice. */
    List<SessionDefinition> sessionsOf(String eventId) {
        return catalogue.find(eventId).map(EventDefinition::sessions).orElse(List.of());
    }

    private void checkToken(String registrationId, String token, String what) {
        if (!manageLinks.allows(registrationId, token)) {
            log.info("Registration {}: {} refused, bad manage token", registrationId, what);
            throw new InvalidManageTokenException();
        }
    }

    private static void checkSessions(EventDefinition event, List<String> asked) {
        Map<String, SessionDefinition> sessions = event.sessions().stream()
                .collect(Collectors.toMap(SessionDefinition::id, Function.identity()));
        List<String> problems = new ArrayList<>();
        var seen = new HashSet<String>();
        for (String id : asked) {
            if (!sessions.containsKey(id)) {
                problems.add("unknown session '" + id + "' in event " + event.id());
            } else if (!sessions.get(id).offered()) {
                problems.add("session '" + id + "' was cancelled by the organiser");
            } else if (!seen.add(id)) {
                problems.add("session '" + id + "' is asked for more than once");
            }
        }
        List<SessionDefinition> known = seen.stream().map(sessions::get).toList();
        for (int i = 0; i < known.size(); i++) {
            for (int j = i + 1; j < known.size(); j++) {
                if (known.get(i).overlaps(known.get(j))) {
                    problems.add("sessions '" + known.get(i).id() + "' and '" + known.get(j).id()
                            + "' take place at the same time");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSessionChoiceException(problems);
        }
    }
}
