package org.rushreg.messages;

/** Whom an email about a registration goes to, and in which language. Personal data: never logged. */
public record Recipient(String firstName, String lastName, String email, String locale) {

    @Override
    public String toString() {
        return "Recipient[personal data hidden, locale=" + locale + "]";
    }
}
