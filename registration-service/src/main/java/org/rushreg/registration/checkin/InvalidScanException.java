package org.rushreg.registration.checkin;

import java.util.List;
import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** A scan that cannot be decided as sent: a field is missing or malformed. */
class InvalidScanException extends Refusal {

    InvalidScanException(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "Invalid scan", "The scan has invalid fields: "
                + String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList()));
        getBody().setProperty("errors", problems);
    }
}
