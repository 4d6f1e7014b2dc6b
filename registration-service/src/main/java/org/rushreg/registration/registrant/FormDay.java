package org.rushreg.registration.registrant;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rushreg.registration.catalogue.EventView;

/** One day of an event as the form lists it: its sessions in the event's time zone, with the seats left. */
public record FormDay(LocalDate date, List<Choice> sessions) {

    /**
     * {@code full}: no seat left, asking for it puts one on the waitlist (or is refused without one).
     * {@code title}, {@code description}: in the form's language (decision 0045); the description may be null.
     */
    public record Choice(String id, String title, String description, String time, int remaining, boolean full) {
    }

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    static List<FormDay> of(EventView event, String language) {
        ZoneId zone = ZoneId.of(event.timeZone() == null ? "UTC" : event.timeZone());
        Map<LocalDate, List<Choice>> days = new TreeMap<>();
        for (EventView.SessionView s : event.sessions()) {
            if (s.cancelled()) {
                continue; // called off by the organiser: not on offer
            }
            var start = s.startsAt().atZone(zone);
            String time = HOURS.format(start) + "–" + HOURS.format(s.endsAt().atZone(zone));
            days.computeIfAbsent(start.toLocalDate(), d -> new ArrayList<>())
                    .add(new Choice(s.id(), s.titleIn(language), s.descriptionIn(language), time, s.remaining(), s.remaining() == 0));
        }
        return days.entrySet().stream().map(d -> new FormDay(d.getKey(), d.getValue())).toList();
    }
}
