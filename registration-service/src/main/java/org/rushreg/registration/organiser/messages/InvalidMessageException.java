package org.rushreg.registration.organiser.messages;

import java.util.List;
import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** A message was refused before anything was stored or sent: 400 naming each failing field. */
class InvalidMessageException extends Refusal {

    private final List<FieldProblem> problems;

    InvalidMessageException(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "Invalid message", "The message has invalid fields: "
                + String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList()));
        this.problems = List.copyOf(problems);
        getBody().setProperty("errors", this.problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
