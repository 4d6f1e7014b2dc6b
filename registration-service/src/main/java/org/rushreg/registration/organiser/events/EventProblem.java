package org.rushreg.registration.organiser.events;

/**
 * One thing wrong with an event definition. {@code field} names it as the JSON body and the form do
 * ({@code sessions[2].capacity}); {@code code} selects the page's message ({@code organiser.error.<code>});
 * {@code message} says it in English for the API.
 */
public record EventProblem(String field, String code, String message) {
}
