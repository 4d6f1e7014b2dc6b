package org.rushreg.registration.commands;

import org.rushreg.messages.RegistrationCommand;
import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/**
 * The broker did not acknowledge a command in time; the caller must not promise anything about it. Answered 503
 * with Retry-After: nothing was recorded, the client may send the same request again.
 */
public class CommandNotAcceptedException extends Refusal {

    /** How long a client should wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final String internalMessage;

    public CommandNotAcceptedException(RegistrationCommand command, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", "The request could not be recorded right now; "
                + "nothing was registered. Please try again.", cause);
        retryAfter(RETRY_AFTER_SECONDS);
        this.internalMessage = "The broker did not take " + command.getClass().getSimpleName() + " "
                + command.messageId() + " of event " + command.eventId();
    }

    /** For the log: which command was not taken. */
    public String internalMessage() {
        return internalMessage;
    }
}
