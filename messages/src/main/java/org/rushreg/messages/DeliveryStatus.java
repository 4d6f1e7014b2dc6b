package org.rushreg.messages;

/** Where an email stands. */
public enum DeliveryStatus {
    SENT, RETRYING, FAILED
}
