package org.rushreg.registration.organiser.messages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SendOrganiserMessage;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.organiser.audit.OrganiserAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messages from organisers (decision 0042): a message is checked here against the catalogue, stored, audited and
 * appended to the event's log as a {@link SendOrganiserMessage}; the capacity-service addresses each registration
 * confirmed at that point, the notification-service sends the emails, and their fates come back through the read
 * model ({@code organiser_message_recipients} beside {@code email_deliveries}).
 */
@Service
public class OrganiserMessages {

    private static final Logger log = LoggerFactory.getLogger(OrganiserMessages.class);

    private final EventCatalogue catalogue;
    private final CommandLog commandLog;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;

    OrganiserMessages(EventCatalogue catalogue, CommandLog commandLog, AuditTrail audit,
                      TransactionTemplate transaction, JdbcClient jdbc) {
        this.catalogue = catalogue;
        this.commandLog = commandLog;
        this.audit = audit;
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    /** A message accepted: its id, and the command's message id that each addressed registration's outcome names. */
    public record Sent(String messageId, String commandId, String eventId, String sessionId) {
    }

    /** A message sent, with how many it reached and what became of their emails so far. */
    public record Report(String messageId, Instant sentAt, String sessionId, String subjectPl, String subjectEn,
                         long addressed, long sent, long failed) {
    }

    /** The event, or 404; the draft's session must be one of its sessions, or 404. Throws 400 for bad texts. */
    EventDefinition check(String eventId, MessageDraft draft) {
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        var problems = draft.problems();
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
        String sessionId = draft.audience();
        if (sessionId != null && event.sessions().stream().noneMatch(s -> s.id().equals(sessionId))) {
            throw new UnknownSessionException(eventId, sessionId);
        }
        return event;
    }

    public Sent send(String eventId, MessageDraft draft, String organiser) {
        check(eventId, draft);
        String messageId = UUID.randomUUID().toString();
        String sessionId = draft.audience();
        SendOrganiserMessage command = SendOrganiserMessage.of(eventId, messageId, sessionId,
                MessageDraft.strip(draft.subjectPl()), MessageDraft.strip(draft.bodyPl()),
                MessageDraft.strip(draft.subjectEn()), MessageDraft.strip(draft.bodyEn()));
        transaction.executeWithoutResult(tx -> {
            jdbc.sql("""
                    insert into organiser_messages (id, event_id, session_id, subject_pl, body_pl, subject_en, body_en)
                    values (:id, :event, :session, :subjectPl, :bodyPl, :subjectEn, :bodyEn)
                    """)
                    .param("id", messageId).param("event", eventId).param("session", sessionId)
                    .param("subjectPl", command.subjectPl()).param("bodyPl", command.bodyPl())
                    .param("subjectEn", command.subjectEn()).param("bodyEn", command.bodyEn())
                    .update();
            audit.record(organiser, OrganiserAction.MESSAGE_SENT, eventId, null,
                    "message " + messageId + " to " + (sessionId == null ? "the event" : "session " + sessionId));
            commandLog.append(command);
        });
        log.info("Event {}: message {} to {} sent by organiser {}", eventId, messageId,
                sessionId == null ? "the event" : "session " + sessionId, organiser);
        return new Sent(messageId, command.messageId(), eventId, sessionId);
    }

    /** The event's messages, newest first, with their delivery report. */
    public List<Report> reports(String eventId) {
        return jdbc.sql("""
                select m.id, m.sent_at, m.session_id, m.subject_pl, m.subject_en,
                       count(r.decision_id) as addressed,
                       count(d.decision_id) filter (where d.status = 'SENT') as sent,
                       count(d.decision_id) filter (where d.status = 'FAILED') as failed
                from organiser_messages m
                left join organiser_message_recipients r on r.organiser_message_id = m.id
                left join email_deliveries d on d.decision_id = r.decision_id
                where m.event_id = :event
                group by m.id order by m.sent_at desc, m.id
                """)
                .param("event", eventId)
                .query((rs, n) -> new Report(rs.getString("id"), rs.getTimestamp("sent_at").toInstant(),
                        rs.getString("session_id"), rs.getString("subject_pl"), rs.getString("subject_en"),
                        rs.getLong("addressed"), rs.getLong("sent"), rs.getLong("failed")))
                .list();
    }
}
