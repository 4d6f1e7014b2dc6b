package org.rushreg.messages;

/**
 * What a registrant agreed to: the versions of the terms and of the privacy notice shown to them, and whether they
 * want news about future events, with the version of that consent's text when they do. Travels with the
 * registration so that the read model records it without a database write on the request path.
 *
 * @param newsletterVersion the version of the optional consent's text given; null when it was not given (and in
 *                          commands written before it was versioned)
 */
public record ConsentRecord(String termsVersion, String privacyVersion, boolean newsletter, String newsletterVersion) {

    /** Without a version of the optional consent, as commands written before it was versioned were. */
    public ConsentRecord(String termsVersion, String privacyVersion, boolean newsletter) {
        this(termsVersion, privacyVersion, newsletter, null);
    }
}
