package org.rushreg.registration.registrant;

/** The client's {@code Idempotency-Key} header: printable ASCII, at most 200 characters. */
record IdempotencyKey(String value) {

    static IdempotencyKey ofHeader(String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > 200 || !header.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidIdempotencyKeyException();
        }
        return new IdempotencyKey(header);
    }
}
