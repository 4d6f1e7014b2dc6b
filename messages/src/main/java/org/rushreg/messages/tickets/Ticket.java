package org.rushreg.messages.tickets;

/**
 * A registration's ticket: {@code code} is the signed text the QR code holds, {@code shortCode} the ten characters
 * (as {@code XXXXX-XXXXX}) printed beside it for people to read out, type or search.
 */
public record Ticket(String eventId, String registrationId, String code, String shortCode) {
}
