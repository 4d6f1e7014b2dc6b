package org.rushreg.notification.rendering;

import java.util.regex.Pattern;

/** Text from a message or a form made safe for a header, a line of an email, or part of an identifier. */
public final class SafeText {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");
    private static final Pattern NOT_IN_ID = Pattern.compile("[^A-Za-z0-9._-]");

    private SafeText() {
    }

    /** One line: each run of control characters (line breaks included) a space, trimmed; null stays null. */
    public static String oneLine(String text) {
        return text == null ? null : CONTROL.matcher(text).replaceAll(" ").strip();
    }

    /** Only the letters, digits, dots, underscores and hyphens of {@code text}, as identifiers may hold. */
    public static String idChars(String text) {
        return NOT_IN_ID.matcher(text).replaceAll("");
    }
}
