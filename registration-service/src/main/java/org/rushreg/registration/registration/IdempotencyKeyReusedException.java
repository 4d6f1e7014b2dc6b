package org.rushreg.registration.registration;

/** An Idempotency-Key came back with a different request than the one it was first used with. */
public class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used with a different request; use a new key for a new request");
    }
}
