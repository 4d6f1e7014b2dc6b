/**
 * What registrants do: the form, the status and manage pages, and the public API to register, read a status, change
 * sessions and cancel. A registration request becomes a command on the event's log and nothing else durable
 * (decision 0013); what was decided is read from the read model.
 */
package org.rushreg.registration.registrant;
