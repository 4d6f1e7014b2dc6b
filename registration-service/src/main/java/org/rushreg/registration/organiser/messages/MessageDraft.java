package org.rushreg.registration.organiser.messages;

import java.util.ArrayList;
import java.util.List;
import org.rushreg.registration.web.Refusal;

/**
 * A message as the organiser wrote it: a subject and a body in Polish and in English, and the audience (a session's
 * id, or blank for every confirmed person of the event). The API's JSON body and the page's form.
 */
public record MessageDraft(String sessionId, String subjectPl, String bodyPl, String subjectEn, String bodyEn) {

    static final int SUBJECT_MAX = 150;
    static final int BODY_MAX = 2000;

    public static MessageDraft empty() {
        return new MessageDraft(null, "", "", "", "");
    }

    /** The session addressed, or null for the whole event. */
    String audience() {
        return sessionId == null || sessionId.isBlank() ? null : sessionId.trim();
    }

    /** Each field that is missing or too long, named as in the JSON body and the form. */
    List<Refusal.FieldProblem> problems() {
        List<Refusal.FieldProblem> problems = new ArrayList<>();
        check(problems, "subjectPl", subjectPl, SUBJECT_MAX);
        check(problems, "bodyPl", bodyPl, BODY_MAX);
        check(problems, "subjectEn", subjectEn, SUBJECT_MAX);
        check(problems, "bodyEn", bodyEn, BODY_MAX);
        return problems;
    }

    private static void check(List<Refusal.FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new Refusal.FieldProblem(field, "is required"));
        } else if (strip(value).length() > max) {
            problems.add(new Refusal.FieldProblem(field, "must be at most " + max + " characters (it has "
                    + strip(value).length() + ")"));
        } else if (field.startsWith("subject") && value.strip().contains("\n")) {
            problems.add(new Refusal.FieldProblem(field, "must be one line"));
        }
    }

    /** The text as sent: without surrounding blanks, and with a form's CRLF line breaks as the API's LF. */
    static String strip(String value) {
        return value == null ? null : value.strip().replace("\r\n", "\n");
    }
}
