package org.rushreg.registration.registration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.ChangeSessions;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.observability.RegistrationLogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes registrations and cancellations and turns them into commands on the event's log.
 *
 * <p>A registration row is inserted (not yet accepted), the command sent and acknowledged by the broker, and the
 * row marked accepted: the 202 goes out only after both exist, a failed send removes the row again, and no
 * database connection waits for the broker (decision 0008). A repeat with the same {@code Idempotency-Key} gets
 * the first request's registration, or 409 with {@code Retry-After} while that one is still being recorded.
 */
@Service
class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final EventCatalogue catalogue;
    private final RegistrationStore store;
    private final CommandLog commandLog;
    private final ManageLinks manageLinks;
    private final TransactionTemplate transaction;
    private final ConsentVersions consentVersions;

    Registrations(EventCatalogue catalogue, RegistrationStore store, CommandLog commandLog, ManageLinks manageLinks,
                  TransactionTemplate transaction, ConsentVersions consentVersions) {
        this.consentVersions = consentVersions;
        this.catalogue = catalogue;
        this.store = store;
        this.commandLog = commandLog;
        this.manageLinks = manageLinks;
        this.transaction = transaction;
    }

    record Accepted(String registrationId, boolean repeat) {
    }

    /**
     * Writes the registration row (not yet accepted), or finds the one this Idempotency-Key was first used for. A
     * first request still being recorded makes the repeat wait for it (409, retry); one that never got its command
     * to the broker (its process died) is given up after {@link RegistrationStore#ABANDONED_AFTER}, and the
     * repeat takes its place.
     */
    private Accepted claim(String id, String eventId, String idempotencyKey, RegistrationRequest request) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (store.insertPending(id, eventId, idempotencyKey, request, consentVersions)) {
                return new Accepted(id, false);
            }
            var first = store.forKey(eventId, idempotencyKey);
            if (first.isEmpty()) {
                continue; // the first request failed and removed its row in between: take its place
            }
            if (first.get().requestHash() != null && !first.get().requestHash().equals(request.fingerprint())) {
                throw new IdempotencyKeyReusedException();
            }
            if (first.get().accepted()) {
                return new Accepted(first.get().id(), true);
            }
            if (!first.get().abandoned()) {
                throw new FirstRequestInFlightException();
            }
            store.forgetUnaccepted(first.get().id());
        }
        throw new FirstRequestInFlightException();
    }

    Accepted register(String eventId, RegistrationRequest request, String idempotencyKey) {
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        checkSessions(event, request.sessionIds());
        String id = UUID.randomUUID().toString();
        // Short transactions on both sides of the send: no database connection waits for the broker's ack.
        Accepted accepted = transaction.execute(tx -> claim(id, eventId, idempotencyKey, request));
        if (!accepted.repeat()) {
            try {
                commandLog.append(RegisterAttendee.of(eventId, id, request.registrant(), request.sessionIds(),
                        request.localeOrDefault()));
            } catch (RuntimeException e) {
                store.forgetUnaccepted(id);
                throw e;
            }
            store.markAccepted(id);
        }
        RegistrationLogContext.put(accepted.registrationId());
        if (accepted.repeat()) {
            log.info("Registration {} for event {}: repeated request, answered with the existing id",
                    accepted.registrationId(), eventId);
        } else {
            log.info("Registration {} for event {} accepted (PENDING), sessions {}", id, eventId, request.sessionIds());
        }
        return accepted;
    }

    RegistrationStatusView status(String registrationId) {
        return store.find(registrationId).orElseThrow(() -> new UnknownRegistrationException(registrationId));
    }

    /** The status with the event's and sessions' names, for the pages. */
    StatusPage statusPage(String registrationId) {
        RegistrationStatusView registration = status(registrationId);
        return StatusPage.of(registration, catalogue.find(registration.eventId()).orElse(null));
    }

    /** What the manage page shows: the registration and who made it; only with a valid manage-link token. */
    record Managed(StatusPage registration, String registrantName) {
    }

    Managed manage(String registrationId, String token) {
        checkToken(registrationId, token, "manage page");
        return new Managed(statusPage(registrationId), store.registrantName(registrationId).orElse(""));
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
