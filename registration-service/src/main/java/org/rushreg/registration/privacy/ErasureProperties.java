package org.rushreg.registration.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Erasure on request (decision 0027).
 *
 * @param emailDigestKey HMAC key the address of an erased person is kept under ({@code EMAIL_DIGEST_KEY}, as in the
 *                       capacity- and notification-services): the same on every instance and across restarts, so a
 *                       repeated request finds its erasure; empty = the development key, with a warning
 */
@ConfigurationProperties("rushreg.erasure")
public record ErasureProperties(String emailDigestKey) {
}
