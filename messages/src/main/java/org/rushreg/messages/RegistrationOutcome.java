package org.rushreg.messages;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * What happened to a registration, on {@link Topics#REGISTRATION_DECISIONS}, keyed by registration id.
 * The JSON form names the kind in a {@code type} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RegistrationDecided.class, name = "RegistrationDecided"),
    @JsonSubTypes.Type(value = RegistrationPromoted.class, name = "RegistrationPromoted"),
    @JsonSubTypes.Type(value = RegistrationCancelled.class, name = "RegistrationCancelled"),
    @JsonSubTypes.Type(value = SessionsChanged.class, name = "SessionsChanged"),
    @JsonSubTypes.Type(value = RegistrationErased.class, name = "RegistrationErased"),
    @JsonSubTypes.Type(value = RegistrationHeld.class, name = "RegistrationHeld"),
    @JsonSubTypes.Type(value = RegistrationHoldExpired.class, name = "RegistrationHoldExpired"),
    @JsonSubTypes.Type(value = SessionChangedByOrganiser.class, name = "SessionChangedByOrganiser"),
    @JsonSubTypes.Type(value = SessionCancelledByOrganiser.class, name = "SessionCancelledByOrganiser"),
    @JsonSubTypes.Type(value = OrganiserMessageAddressed.class, name = "OrganiserMessageAddressed")
})
public sealed interface RegistrationOutcome
        permits RegistrationDecided, RegistrationPromoted, RegistrationCancelled, SessionsChanged,
        RegistrationErased, RegistrationHeld, RegistrationHoldExpired, SessionChangedByOrganiser,
        SessionCancelledByOrganiser, OrganiserMessageAddressed {

    String messageId();

    Instant createdAt();

    int schemaVersion();

    String registrationId();

    String eventId();

    /** The state of every session the registration asked for, after this outcome. */
    java.util.List<SessionOutcome> sessions();
}
