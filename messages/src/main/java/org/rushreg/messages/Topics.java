package org.rushreg.messages;

import java.util.List;

/** Every topic of the system, with its key and value types. No service spells a topic name anywhere else. */
public final class Topics {

    /** The ordered log of each event: catalogue changes, registrations and cancellations. */
    public static final Topic<RegistrationCommand> REGISTRATION_COMMANDS =
            new Topic<>("registration.commands", "eventId", RegistrationCommand.class);

    /** What was decided about each registration, written exactly once by the capacity service. */
    public static final Topic<RegistrationOutcome> REGISTRATION_DECISIONS =
            new Topic<>("registration.decisions", "registrationId", RegistrationOutcome.class);

    /** The seats of each event, compacted: the latest value per event is the truth. */
    public static final Topic<SeatAvailability> SEAT_AVAILABILITY =
            new Topic<>("seat.availability", "eventId", SeatAvailability.class);

    /** What became of each email. */
    public static final Topic<NotificationOutcome> NOTIFICATION_OUTCOMES =
            new Topic<>("notification.outcomes", "registrationId", NotificationOutcome.class);

    /** How each scan of a ticket was decided, written exactly once by the capacity service. */
    public static final Topic<TicketScanned> ATTENDANCE = new Topic<>("attendance", "eventId", TicketScanned.class);

    /** Each store's confirmation that it forgot the person behind a registration of an erasure (decision 0027). */
    public static final Topic<ErasureConfirmed> ERASURE_CONFIRMATIONS =
            new Topic<>("erasure.confirmations", "erasureId", ErasureConfirmed.class);

    /**
     * The events whose retention is over (decision 0039), compacted: one record per event, kept, so that a service
     * that was down, or deployed later, still forgets the event's people.
     */
    public static final Topic<EventPersonalDataExpired> PERSONAL_DATA_EXPIRATIONS =
            new Topic<>("personal-data.expirations", "eventId", EventPersonalDataExpired.class);

    /**
     * Access requests and each store's answer with what it holds of the person (decision 0050): the answers carry
     * names and addresses and are needed only while the organiser's request waits, so the topic keeps records for
     * {@link TopicDeclarations#ACCESS_RETENTION} only.
     */
    public static final Topic<PersonalDataAccess> PERSONAL_DATA_ACCESS =
            new Topic<>("personal-data.access", "requestId", PersonalDataAccess.class);

    public static final List<Topic<?>> ALL = List.of(REGISTRATION_COMMANDS, REGISTRATION_DECISIONS, SEAT_AVAILABILITY,
            NOTIFICATION_OUTCOMES, ATTENDANCE, ERASURE_CONFIRMATIONS, PERSONAL_DATA_EXPIRATIONS, PERSONAL_DATA_ACCESS);

    private Topics() {
    }
}
