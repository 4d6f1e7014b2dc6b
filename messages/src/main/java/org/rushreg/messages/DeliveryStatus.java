package org.rushreg.messages;

/**
 * Where an email stands. SUPPRESSED: not sent on purpose and for good (an "already registered" reminder went to the
 * same address for the same event a short while ago; issue 15), final like SENT and FAILED.
 */
public enum DeliveryStatus {
    SENT, RETRYING, FAILED, SUPPRESSED
}
