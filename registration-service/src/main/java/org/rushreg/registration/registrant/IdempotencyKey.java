package org.rushreg.registration.registrant;

/** The client's {@code Idempotency-Key} header: printable ASCII, at most 200 characters. */
record IdempotencyKey(String value) {

    static IdempotencyKey ofHeader(String header) {
        if (header == null) {
            return null;
        }
        if (header.isBlank() || header.length() > 200 || !header.matches("[\\x21-\\x7e]+")) {
            throw new InvalidIdempotencyKeyException();
        }
        return new IdempotencyKey(header);
    }
}
