package org.rushreg.loadtest.baseline;

import java.util.List;
import java.util.Map;

/** The registration request, parsed as the registration-service parses it. */
record RegistrationBody(String firstName, String lastName, String email, String organisation,
                        List<String> sessionIds, String locale, Map<String, Boolean> consents) {
}
