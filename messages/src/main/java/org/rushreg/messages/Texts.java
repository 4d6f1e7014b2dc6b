package org.rushreg.messages;

import java.util.Locale;

/**
 * One text in the two languages of the forms and emails, Polish and English (decision 0045); either may be absent.
 * {@link #in} picks the reader's language, else the other one, else the single text the definition always had.
 */
public record Texts(String pl, String en) {

    public Texts {
        pl = blankToNull(pl);
        en = blankToNull(en);
    }

    /** Texts in both languages, or null when neither is given (so a definition without them is written as before). */
    public static Texts of(String pl, String en) {
        Texts texts = new Texts(pl, en);
        return texts.isEmpty() ? null : texts;
    }

    /** Null for null or texts in neither language; the texts otherwise. */
    public static Texts orNull(Texts texts) {
        return texts == null || texts.isEmpty() ? null : texts;
    }

    /**
     * The text for a reader of {@code language} ("pl", "en", a tag such as "en-GB", or null for Polish, the forms'
     * default): that language's text, else the other language's, else {@code fallback}.
     */
    public String in(String language, String fallback) {
        boolean english = language != null && language.toLowerCase(Locale.ROOT).startsWith("en");
        String own = english ? en : pl;
        String other = english ? pl : en;
        return own != null ? own : other != null ? other : fallback;
    }

    /** The text for a reader of {@code locale}; see {@link #in(String, String)}. */
    public String in(Locale locale, String fallback) {
        return in(locale == null ? null : locale.getLanguage(), fallback);
    }

    /** {@link #in(String, String)} for texts that may be absent altogether. */
    public static String in(Texts texts, String language, String fallback) {
        return texts == null ? fallback : texts.in(language, fallback);
    }

    /** {@link #in(Locale, String)} for texts that may be absent altogether. */
    public static String in(Texts texts, Locale locale, String fallback) {
        return texts == null ? fallback : texts.in(locale, fallback);
    }

    private boolean isEmpty() {
        return pl == null && en == null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
