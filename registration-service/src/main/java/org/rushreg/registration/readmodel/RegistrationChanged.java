package org.rushreg.registration.readmodel;

/**
 * The read model holds a new, committed state of this registration (a decision, promotion or cancellation was
 * applied, by this instance or another): published by {@link RegistrationChanges} as it hears of it.
 */
public record RegistrationChanged(String registrationId) {
}
