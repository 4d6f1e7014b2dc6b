package org.rushreg.loadtest.openloop;

/**
 * What one request got.
 *
 * @param status         the HTTP status, 0 when there was no answer (refused, reset, timed out)
 * @param registrationId the id of an accepted registration, else null
 */
public record Answer(int status, String registrationId) {

    public boolean accepted() {
        return status == 200 || status == 202;
    }
}
