package org.rushreg.notification.sending;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets the people of an event whose retention period is over (decision 0039): its recipients (names, addresses,
 * languages, seats) and the digests of its reminder limits go; the sent-records stay, they hold no address and prove
 * what was sent. The event is marked first ({@code forgotten_event}), so that a decision of it read later remembers no
 * one again; each step is idempotent, so a redelivery, or a second expiry of the same event, changes nothing.
 */
@Component
class ExpiredEvents {

    private static final Logger log = LoggerFactory.getLogger(ExpiredEvents.class);

    private final JdbcClient jdbc;
    private final Recipients recipients;
    private final ReminderClaims reminders;

    public ExpiredEvents(JdbcClient jdbc, Recipients recipients, ReminderClaims reminders) {
        this.jdbc = jdbc;
        this.recipients = recipients;
        this.reminders = reminders;
    }

    public void forget(String eventId) {
        boolean first = jdbc.sql("INSERT INTO forgotten_event (event_id) VALUES (?) ON CONFLICT DO NOTHING")
                .param(eventId).update() == 1;
        int people = recipients.forgetEvent(eventId);
        int limits = reminders.forgetEvent(eventId);
        if (first || people > 0 || limits > 0) {
            log.info("Event {}: its retention is over, {} recipients and {} reminder limits forgotten; the records of "
                    + "sent emails stay without addresses", eventId, people, limits);
        } else {
            log.info("Event {}: its people were forgotten already, nothing left to forget", eventId);
        }
    }
}
