package org.rushreg.registration.registrant;

import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** A ticket was asked for a registration that holds no seat (waiting, on the waitlist, refused or cancelled). */
public class NoTicketException extends Refusal {

    NoTicketException(String registrationId, String status) {
        super(HttpStatus.NOT_FOUND, "No ticket", "Registration '" + registrationId + "' is " + status
                + ": only a registration with a confirmed seat has a ticket; the manage page shows its status");
    }
}
