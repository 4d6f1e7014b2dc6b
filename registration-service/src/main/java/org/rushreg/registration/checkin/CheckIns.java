package org.rushreg.registration.checkin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.ScanTicket;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.tickets.Tickets;
import org.rushreg.registration.web.ClientAllowances;
import org.rushreg.registration.web.Refusal.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A scan from the door to its answer (decision 0024). The code's signature is checked here: a code that is not a
 * ticket of ours, or a ticket of another event, is UNKNOWN at once and goes no further. A scan id already decided is
 * answered from the read model, so a device sending its queue again sends no command. Any other scan becomes a
 * {@link ScanTicket} on the event's log, decided by the capacity-service in order with the event's registrations
 * and cancellations; the request waits for the decision in the read model up to {@code answerTimeout}, then answers
 * PENDING (the device sends the scan again, with the same id, for its answer).
 */
@Component
class CheckIns {

    private static final Logger log = LoggerFactory.getLogger(CheckIns.class);

    private final EventCatalogue catalogue;
    private final Tickets tickets;
    private final RecordedScans scans;
    private final ScanAnswers answers;
    private final CommandLog commands;
    private final CheckInProperties properties;
    private final Clock clock;
    private final ClientAllowances allowances;

    /** Devices tracked at once: far more than the doors of any event. */
    private static final long MAX_DEVICES = 10_000;

    CheckIns(EventCatalogue catalogue, Tickets tickets, RecordedScans scans, ScanAnswers answers, CommandLog commands,
             CheckInProperties properties, Clock clock) {
        this.catalogue = catalogue;
        this.tickets = tickets;
        this.scans = scans;
        this.answers = answers;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
        this.allowances = properties.scansPerDevice() > 0
                ? new ClientAllowances(properties.scansPerDevice(), properties.scanPeriod(), MAX_DEVICES) : null;
    }

    /**
     * @param device who sends it: the account and the client's address, whose allowance of scans it takes (a
     *               stolen or broken phone cannot flood the event's log)
     */
    ScanAnswer scan(String eventId, ScanRequest request, String device) {
        if (allowances != null) {
            Duration wait = allowances.take(device);
            if (!wait.isZero()) {
                log.info("Check-in: a device went over its allowance of scans");
                throw new TooManyScansException(wait);
            }
        }
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        Set<String> sessions = event.sessions().stream().map(SessionDefinition::id).collect(Collectors.toSet());
        List<FieldProblem> problems = request == null
                ? List.of(new FieldProblem("body", "is required: {\"scanId\", \"code\", \"scannedAt\"}"))
                : request.problems(sessions);
        if (!problems.isEmpty()) {
            throw new InvalidScanException(problems);
        }
        Optional<Ticket> verified = tickets.verify(request.code().strip());
        if (verified.isEmpty()) {
            log.info("Scan {} for event {}: not a ticket of ours", request.scanId(), eventId);
            return ScanAnswer.unknown(request.scanId(), "NOT_A_TICKET");
        }
        Ticket ticket = verified.get();
        if (!ticket.eventId().equals(eventId)) {
            log.info("Scan {} for event {}: a ticket of event {}", request.scanId(), eventId, ticket.eventId());
            return ScanAnswer.unknown(request.scanId(), "OTHER_EVENT");
        }
        Optional<RecordedScans.RecordedScan> decided = scans.find(eventId, request.scanId());
        if (decided.isPresent()) {
            return answer(decided.get(), ticket);
        }
        commands.append(ScanTicket.of(eventId, request.scanId(), ticket.registrationId(), request.sessionId(),
                request.scannedAt(clock.instant())));
        return awaitDecision(eventId, request.scanId(), ticket);
    }

    private ScanAnswer awaitDecision(String eventId, String scanId, Ticket ticket) {
        long deadline = System.nanoTime() + properties.answerTimeout().toNanos();
        while (true) {
            CompletableFuture<Void> changed = answers.next(ticket.registrationId());
            try {
                Optional<RecordedScans.RecordedScan> decided = scans.find(eventId, scanId);
                if (decided.isPresent()) {
                    return answer(decided.get(), ticket);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.info("Scan {} of registration {} not decided within {}: answered PENDING", scanId,
                            ticket.registrationId(), properties.answerTimeout());
                    return ScanAnswer.pending(scanId, ticket.registrationId());
                }
                changed.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // read once more, then answer PENDING
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ScanAnswer.pending(scanId, ticket.registrationId());
            } catch (ExecutionException e) {
                throw new IllegalStateException("A scan's wake-up never fails", e);
            } finally {
                answers.forget(ticket.registrationId(), changed);
            }
        }
    }

    private static ScanAnswer answer(RecordedScans.RecordedScan scan, Ticket ticket) {
        if (!scan.registrationId().equals(ticket.registrationId())) {
            throw new ScanIdReusedException(scan.scanId());
        }
        return ScanAnswer.of(scan);
    }
}
