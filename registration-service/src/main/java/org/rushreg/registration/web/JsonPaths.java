package org.rushreg.registration.web;

import tools.jackson.core.JacksonException;

/** Where in a JSON body a reading error is, written as validation problems name fields. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** {@code consents.terms}, {@code sessions[1].capacity}; empty for the body itself. */
    public static String of(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
