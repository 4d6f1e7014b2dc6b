package org.rushreg.notification.sending;

/**
 * The email for a decision can never be sent (the server refused the address for good, or nobody is known to send
 * it to). Already reported as FAILED; thrown so that the binder dead-letters the record instead of retrying it.
 */
class UndeliverableException extends RuntimeException {

    public UndeliverableException(String message) {
        super(message);
    }
}
