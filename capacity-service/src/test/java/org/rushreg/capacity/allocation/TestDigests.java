package org.rushreg.capacity.allocation;

import org.rushreg.messages.EmailDigest;

/** The email digests of the rules' tests: keyed like production, with the development key. */
public final class TestDigests {

    public static final EmailDigest EMAILS = EmailDigest.withKey(EmailDigest.DEVELOPMENT_KEY);

    private TestDigests() {
    }
}
