/**
 * The seat allocation rules of an event as a plain state machine (the functional core): no Kafka, no Spring.
 * {@link org.rushreg.capacity.allocation.SeatAllocator} takes one command at a time and reads and writes its state
 * only through a {@link org.rushreg.capacity.allocation.Ledger}, one small entry at a time, so that the work per
 * command grows with the sessions it names, never with the registrations an event already has.
 */
package org.rushreg.capacity.allocation;
