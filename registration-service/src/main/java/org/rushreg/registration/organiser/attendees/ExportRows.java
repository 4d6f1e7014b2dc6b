package org.rushreg.registration.organiser.attendees;

import java.util.ArrayList;
import java.util.List;

/**
 * The table every attendee export holds: one row per registration, the registration's columns, then one column per
 * session with its status there (empty when not asked for); and which cells a spreadsheet would run as a formula.
 */
final class ExportRows {

    private static final List<String> COLUMNS = List.of("registrationId", "status", "reason", "firstName",
            "lastName", "email", "organisation", "sector", "locale", "registeredAt", "decidedAt", "optionalConsent");

    private ExportRows() {
    }

    static List<String> header(List<String> sessionIds) {
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(sessionIds);
        return header;
    }

    static List<String> row(Attendee a, List<String> sessionIds) {
        List<String> row = new ArrayList<>(List.of(a.registrationId(), a.status(), text(a.reason()),
                text(a.firstName()), text(a.lastName()), text(a.email()), text(a.organisation()),
                text(a.sector()), text(a.locale()), text(a.registeredAt()), text(a.decidedAt()),
                text(a.optionalConsent())));
        for (String sessionId : sessionIds) {
            Attendee.SessionState state = a.session(sessionId);
            row.add(state == null ? "" : state.status());
        }
        return row;
    }

    /**
     * A spreadsheet runs a cell that starts with {@code = + - @} (or a tab or carriage return) as a formula; a
     * registrant could type such a name to attack whoever opens the export (OWASP "CSV injection").
     */
    static boolean runsAsFormula(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
