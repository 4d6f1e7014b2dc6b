package org.rushreg.registration.registration;

import java.util.List;

/** The asked-for sessions do not fit the event: unknown, repeated or at the same time. */
public class InvalidSessionChoiceException extends RuntimeException {

    private final List<String> problems;

    InvalidSessionChoiceException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
