package org.rushreg.registration.privacy;

import java.util.List;
import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** An erasure request the service refuses: invalid (400), or a person or erasure it does not know (404). */
class ErasureRefusal extends Refusal {

    private ErasureRefusal(HttpStatus status, String title, String detail) {
        super(status, title, detail);
    }

    static ErasureRefusal invalid(List<FieldProblem> problems) {
        ErasureRefusal refusal = new ErasureRefusal(HttpStatus.BAD_REQUEST, "Invalid request",
                String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
        refusal.getBody().setProperty("errors", problems);
        return refusal;
    }

    /** Says nothing of the address: the detail may end up in logs. */
    static ErasureRefusal unknownPerson(String eventId) {
        return new ErasureRefusal(HttpStatus.NOT_FOUND, "Unknown person",
                "No registration of event '" + eventId + "' is held under this address");
    }

    static ErasureRefusal unknownErasure(String erasureId) {
        return new ErasureRefusal(HttpStatus.NOT_FOUND, "Unknown erasure", "There is no erasure with id '"
                + erasureId + "'");
    }
}
