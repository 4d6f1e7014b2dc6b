package org.rushreg.notification.operations;

import org.slf4j.MDC;

/**
 * Puts the registration id on every log line written while one registration is processed (a field of its own in
 * the JSON logs), so that an operator can filter one registration's story without logging anything personal.
 */
public final class RegistrationLogContext {

    public static final String FIELD = "registrationId";

    private RegistrationLogContext() {
    }

    public static MDC.MDCCloseable of(String registrationId) {
        return MDC.putCloseable(FIELD, registrationId);
    }
}
