package org.rushreg.registration.registration;

/**
 * A request came again with the same Idempotency-Key while the first one was still being recorded; the client
 * should retry in a moment and will then get the first request's answer.
 */
public class FirstRequestInFlightException extends RuntimeException {

    FirstRequestInFlightException() {
        super("A request with this Idempotency-Key is still being recorded; retry in a second to get its answer");
    }
}
