package org.rushreg.capacity.allocation;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.ChangeSessions;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.ErasePerson;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.ReleaseNoShows;
import org.rushreg.messages.ReportPersonalData;
import org.rushreg.messages.ScanTicket;
import org.rushreg.messages.SealedData;
import org.rushreg.messages.SendOrganiserMessage;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.VerifyEmail;

/**
 * What makes a well-formed JSON command still unusable: a missing id, an event definition the rules cannot work
 * with. Such a command is not decided; it belongs in the dead-letter topic, with this description as the reason.
 */
public final class CommandCheck {

    private CommandCheck() {
    }

    /** Empty when the rules can apply the command. */
    public static Optional<String> problemWith(RegistrationCommand command) {
        if (isBlank(command.eventId())) {
            return Optional.of("The command names no event");
        }
        if (command instanceof RegisterAttendee register && isBlank(register.registrationId())) {
            return Optional.of("RegisterAttendee without a registrationId");
        }
        if (command instanceof CancelRegistration cancel && isBlank(cancel.registrationId())) {
            return Optional.of("CancelRegistration without a registrationId");
        }
        if (command instanceof ChangeSessions change && isBlank(change.registrationId())) {
            return Optional.of("ChangeSessions without a registrationId");
        }
        if (command instanceof ScanTicket scan && (isBlank(scan.scanId()) || isBlank(scan.registrationId()))) {
            return Optional.of("ScanTicket without a scanId or registrationId");
        }
        if (command instanceof ErasePerson erase && (isBlank(erase.erasureId())
                || erase.registrationIds().stream().anyMatch(CommandCheck::isBlank))) {
            return Optional.of("ErasePerson without an erasureId or with a blank registrationId");
        }
        if (command instanceof ReportPersonalData report && (isBlank(report.requestId())
                || report.registrationIds().stream().anyMatch(CommandCheck::isBlank))) {
            return Optional.of("ReportPersonalData without a requestId or with a blank registrationId");
        }
        if (command instanceof ReportPersonalData report && !SealedData.isUsablePublicKey(report.publicKey())) {
            // Answers go out sealed only (decision 0050): without a key to seal for, none can.
            return Optional.of("ReportPersonalData without a usable publicKey (Base64 of a P-256 X.509 key): not "
                    + "answered, since answers are sent sealed only; the registration-service must send one");
        }
        if (command instanceof ReleaseNoShows release && isBlank(release.sessionId())) {
            return Optional.of("ReleaseNoShows without a sessionId");
        }
        if (command instanceof VerifyEmail verify && isBlank(verify.registrationId())) {
            return Optional.of("VerifyEmail without a registrationId");
        }
        if (command instanceof SendOrganiserMessage message && (isBlank(message.organiserMessageId())
                || isBlank(message.subjectPl()) || isBlank(message.bodyPl()) || isBlank(message.subjectEn())
                || isBlank(message.bodyEn()))) {
            return Optional.of("SendOrganiserMessage without an organiserMessageId or with a blank text");
        }
        if (command instanceof ConfigureEvent configure) {
            return problemWith(configure);
        }
        return Optional.empty();
    }

    private static Optional<String> problemWith(ConfigureEvent configure) {
        if (configure.event() == null) {
            return Optional.of("ConfigureEvent without an event definition");
        }
        if (!configure.eventId().equals(configure.event().id())) {
            return Optional.of("ConfigureEvent for another event than its definition");
        }
        Set<String> ids = new HashSet<>();
        for (SessionDefinition session : configure.event().sessions()) {
            if (session == null || isBlank(session.id())) {
                return Optional.of("A session without an id");
            }
            if (!ids.add(session.id())) {
                return Optional.of("Session " + session.id() + " is defined twice");
            }
            if (session.startsAt() == null || session.endsAt() == null
                    || !session.startsAt().isBefore(session.endsAt())) {
                return Optional.of("Session " + session.id() + " has no valid time slot");
            }
            if (session.capacity() < 0) {
                return Optional.of("Session " + session.id() + " has a negative capacity");
            }
        }
        Integer holdMinutes = configure.event().verificationHoldMinutes();
        if (holdMinutes != null && holdMinutes < 1) {
            return Optional.of("An email verification hold of " + holdMinutes + " minutes: it must be at least 1");
        }
        return Optional.empty();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
