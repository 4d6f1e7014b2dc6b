package org.rushreg.notification.delivery;

/** The SMTP server could not take the email now (down, busy, 4xx): the record is retried, not dropped. */
public class MailServerUnavailableException extends RuntimeException {

    public MailServerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
