package org.rushreg.messages;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The text form of an instant in messages, exactly as {@link Instant#toString()} writes it and {@link Instant#parse}
 * reads it ({@code 2024-10-07T07:00:00.123Z}), without the general-purpose formatter: every command and decision
 * carries instants, and formatting and parsing them through {@code DateTimeFormatter} was a tenth of the capacity
 * service's work per decision (docs/benchmarks.md, session 4).
 *
 * <p>Only the form this system writes (UTC, years 0000–9999, 0–9 fraction digits) takes the short way; anything else
 * returns {@code null} from {@link #parse} so that the caller falls back to the full parser, with its leniency and
 * its error messages.
 */
public final class IsoInstant {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final int[] NANOS_SCALE = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private IsoInstant() {
    }

    /** The same text as {@code instant.toString()}. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return instant.toString();
        }
        char[] text = new char[30];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        int end = 19;
        int nanos = instant.getNano();
        if (nanos != 0) {
            text[end++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(text, end, nanos / 1_000_000, 3);
                end += 3;
            } else if (nanos % 1_000 == 0) {
                digits(text, end, nanos / 1_000, 6);
                end += 6;
            } else {
                digits(text, end, nanos, 9);
                end += 9;
            }
        }
        text[end++] = 'Z';
        return new String(text, 0, end);
    }

    /**
     * The instant of {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, or {@code null} when the text has any other form or
     * names no real date and time (the caller then asks the full parser, which accepts or explains it).
     */
    public static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits == 0) {
                return null;
            }
            int fraction = number(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * NANOS_SCALE[fractionDigits - 1];
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    private static void digits(char[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The decimal number of {@code count} ASCII digits at {@code at}, or -1 when one of them is not a digit. */
    private static int number(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
