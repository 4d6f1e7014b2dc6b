package org.rushreg.messages;

/** The person behind a registration, as they typed it. Personal data: never logged. */
public record Registrant(String firstName, String lastName, String email, String organisation) {

    @Override
    public String toString() {
        return "Registrant[personal data hidden]";
    }
}
