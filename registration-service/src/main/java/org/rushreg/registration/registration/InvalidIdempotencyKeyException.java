package org.rushreg.registration.registration;

/** The Idempotency-Key header is there but unusable. */
public class InvalidIdempotencyKeyException extends RuntimeException {

    InvalidIdempotencyKeyException() {
        super("The Idempotency-Key header must be 1 to 200 printable ASCII characters");
    }
}
