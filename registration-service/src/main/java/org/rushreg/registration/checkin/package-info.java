/**
 * Check-in at the venue (issue 16, decision 0024): staff with the role CHECKIN scan tickets; each scan is a command on
 * the event's log, decided by the capacity-service (the single writer of the event), and answered from the read
 * model once the decision is there.
 */
package org.rushreg.registration.checkin;
