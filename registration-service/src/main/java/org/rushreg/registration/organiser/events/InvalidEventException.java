package org.rushreg.registration.organiser.events;

import java.util.List;
import java.util.stream.Collectors;

/** An event definition was refused; nothing was stored or published. */
public class InvalidEventException extends RuntimeException {

    private final List<EventProblem> problems;

    public InvalidEventException(List<EventProblem> problems) {
        super("The event has invalid fields: " + problems.stream().map(EventProblem::field).distinct()
                .collect(Collectors.joining(", ")));
        this.problems = List.copyOf(problems);
    }

    public List<EventProblem> problems() {
        return problems;
    }
}
