package org.rushreg.messages;

/**
 * What a registrant agreed to: the versions of the terms and of the privacy notice shown to them, and whether they
 * want news about future events. Travels with the registration so that the read model records it without a
 * database write on the request path.
 */
public record ConsentRecord(String termsVersion, String privacyVersion, boolean newsletter) {
}
