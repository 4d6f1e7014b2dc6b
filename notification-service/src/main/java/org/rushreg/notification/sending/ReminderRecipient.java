package org.rushreg.notification.sending;

import org.rushreg.messages.Recipient;

/**
 * Whom an "already registered" reminder addresses, and the key its limit is kept under. Anyone can post a
 * registration with someone else's address, so nothing the duplicate request carried but the address (and the
 * language it asked for, when the registered one is unknown) may go into the email. Its limit is kept under the
 * address's keyed digest ({@link org.rushreg.messages.EmailDigest}), never the address.
 */
final class ReminderRecipient {

    private ReminderRecipient() {
    }

    /**
     * The recipient of the registration the address holds, as it registered; when that is not known here (its
     * decision not handled yet, or long gone), the address greeted without a name.
     */
    public static Recipient of(Recipient registered, Recipient requested) {
        if (registered != null && registered.email() != null && !registered.email().isBlank()) {
            return registered;
        }
        return new Recipient(null, null, requested.email(), requested.locale());
    }
}
