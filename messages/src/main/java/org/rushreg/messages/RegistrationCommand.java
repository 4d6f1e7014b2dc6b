package org.rushreg.messages;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * A command on {@link Topics#REGISTRATION_COMMANDS}, keyed by event id, so that every event has one ordered log
 * and one writer of its seats. The JSON form names the kind in a {@code type} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ConfigureEvent.class, name = "ConfigureEvent"),
    @JsonSubTypes.Type(value = RegisterAttendee.class, name = "RegisterAttendee"),
    @JsonSubTypes.Type(value = CancelRegistration.class, name = "CancelRegistration"),
    @JsonSubTypes.Type(value = ChangeSessions.class, name = "ChangeSessions"),
    @JsonSubTypes.Type(value = ScanTicket.class, name = "ScanTicket"),
    @JsonSubTypes.Type(value = ErasePerson.class, name = "ErasePerson"),
    @JsonSubTypes.Type(value = ReleaseNoShows.class, name = "ReleaseNoShows"),
    @JsonSubTypes.Type(value = VerifyEmail.class, name = "VerifyEmail"),
    @JsonSubTypes.Type(value = SendOrganiserMessage.class, name = "SendOrganiserMessage"),
    @JsonSubTypes.Type(value = ReportPersonalData.class, name = "ReportPersonalData")
})
public sealed interface RegistrationCommand
        permits ConfigureEvent, RegisterAttendee, CancelRegistration, ChangeSessions, ScanTicket, ErasePerson,
        ReleaseNoShows, VerifyEmail, SendOrganiserMessage, ReportPersonalData {

    String messageId();

    Instant createdAt();

    int schemaVersion();

    String eventId();
}
