package org.rushreg.registration.registration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.commands.CommandLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes registrations and cancellations and turns them into commands on the event's log.
 *
 * <p>A registration is inserted as PENDING and the command published inside one database transaction: the
 * 202 goes out only after both the row and the broker acknowledgement exist, and a failed publish rolls the row
 * back. Repeats with the same {@code Idempotency-Key} wait on the unique key until the first one committed (or
 * rolled back), so five concurrent repeats make one registration and one command.
 */
@Service
class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final EventCatalogue catalogue;
    private final RegistrationStore store;
    private final CommandLog commandLog;
    private final ManageLinks manageLinks;
    private final TransactionTemplate transaction;

    Registrations(EventCatalogue catalogue, RegistrationStore store, CommandLog commandLog, ManageLinks manageLinks,
                  TransactionTemplate transaction) {
        this.catalogue = catalogue;
        this.store = store;
        this.commandLog = commandLog;
        this.manageLinks = manageLinks;
        this.transaction = transaction;
    }

    record Accepted(String registrationId, boolean repeat) {
    }

    Accepted register(String eventId, RegistrationRequest request, String idempotencyKey) {
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        checkSessions(event, request.sessionIds());
        String id = UUID.randomUUID().toString();
        Accepted accepted = transaction.execute(tx -> {
            if (!store.insertPending(id, eventId, idempotencyKey, request.registrant(), request.sessionIds(),
                    request.localeOrDefault())) {
                return new Accepted(store.idForKey(eventId, idempotencyKey).orElseThrow(), true);
            }
            commandLog.append(RegisterAttendee.of(eventId, id, request.registrant(), request.sessionIds(),
                    request.localeOrDefault()));
            return new Accepted(id, false);
        });
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

    void cancel(String registrationId, String token) {
        if (!manageLinks.allows(registrationId, token)) {
            log.info("Registration {}: cancellation refused, bad manage token", registrationId);
            throw new InvalidManageTokenException();
        }
        RegistrationStatusView registration = status(registrationId);
        commandLog.append(CancelRegistration.of(registration.eventId(), registrationId));
        log.info("Registration {} for event {}: cancellation requested", registrationId, registration.eventId());
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
