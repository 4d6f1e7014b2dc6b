package org.rushreg.registration.readmodel;

/**
 * The read model now holds a new state of this registration (a decision, promotion or cancellation was applied).
 * Published inside the projection's transaction; listen after commit to read the new state.
 */
public record RegistrationChanged(String registrationId) {
}
