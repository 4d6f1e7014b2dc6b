package org.rushreg.registration.commands;

import org.rushreg.messages.RegistrationCommand;

/** The broker did not acknowledge a command in time; the caller must not promise anything about it. */
public class CommandNotAcceptedException extends RuntimeException {

    public CommandNotAcceptedException(RegistrationCommand command, Throwable cause) {
        super("The broker did not take " + command.getClass().getSimpleName() + " " + command.messageId()
                + " of event " + command.eventId(), cause);
    }
}
