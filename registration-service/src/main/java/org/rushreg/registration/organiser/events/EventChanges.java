package org.rushreg.registration.organiser.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;

/** What changed between two versions of an event, in a line the audit log can show. */
final class EventChanges {

    private EventChanges() {
    }

    private static String days(EventDefinition event) {
        return event.personalDataRetentionDays() == null ? "default" : event.personalDataRetentionDays().toString();
    }

    private static String minutes(EventDefinition event) {
        return event.noShowReleaseMinutes() == null ? "off" : event.noShowReleaseMinutes()
                + (Boolean.TRUE.equals(event.noShowReleaseAutomatic()) ? " automatic" : "");
    }

    private static String verification(EventDefinition event) {
        return !Boolean.TRUE.equals(event.requireEmailVerification()) ? "off"
                : String.valueOf(event.verificationHoldMinutes() == null
                ? EventDefinition.DEFAULT_VERIFICATION_HOLD_MINUTES : event.verificationHoldMinutes());
    }

    static String describe(EventDefinition before, EventDefinition after) {
        if (before == null) {
            return "created with sessions " + after.sessions().stream()
                    .map(s -> s.id() + " (capacity " + s.capacity() + ")").collect(Collectors.joining(", "))
                    + "; waitlist " + onOff(after.waitlistEnabled())
                    + "; email verification (hold minutes) " + verification(after);
        }
        List<String> changes = new ArrayList<>();
        field(changes, "name", before.name(), after.name(), false);
        field(changes, "name in Polish and English", before.names(), after.names(), false);
        field(changes, "description", before.descriptions(), after.descriptions(), false);
        field(changes, "privacy notice", before.privacyNotices(), after.privacyNotices(), false);
        field(changes, "venue", before.venue(), after.venue(), false);
        field(changes, "venue address", before.venueAddress(), after.venueAddress(), false);
        field(changes, "time zone", before.timeZone(), after.timeZone(), true);
        field(changes, "starts on", before.startsOn(), after.startsOn(), true);
        field(changes, "ends on", before.endsOn(), after.endsOn(), true);
        field(changes, "registration opens", before.registrationOpensAt(), after.registrationOpensAt(), true);
        field(changes, "registration closes", before.registrationClosesAt(), after.registrationClosesAt(), true);
        field(changes, "organiser email", before.organiserEmail(), after.organiserEmail(), false);
        field(changes, "personal data kept (days)", days(before), days(after), true);
        field(changes, "no-show release (minutes after start)", minutes(before), minutes(after), true);
        field(changes, "email verification (hold minutes)", verification(before), verification(after), true);
        if (before.waitlistEnabled() != after.waitlistEnabled()) {
            changes.add("waitlist " + onOff(before.waitlistEnabled()) + " → " + onOff(after.waitlistEnabled()));
        }
        Map<String, SessionDefinition> old = byId(before);
        Map<String, SessionDefinition> now = byId(after);
        for (SessionDefinition s : after.sessions()) {
            SessionDefinition was = old.get(s.id());
            if (was == null) {
                changes.add("session " + s.id() + " added (capacity " + s.capacity() + ")");
                continue;
            }
            if (was.capacity() != s.capacity()) {
                changes.add("capacity " + s.id() + " " + was.capacity() + " → " + s.capacity());
            }
            if (was.offered() != s.offered()) {
                changes.add("session " + s.id() + (s.offered() ? " offered again" : " cancelled"));
            }
            if (!Objects.equals(was.title(), s.title()) || !Objects.equals(was.titles(), s.titles())) {
                changes.add("title of " + s.id() + " changed");
            }
            if (!Objects.equals(was.descriptions(), s.descriptions())) {
                changes.add("description of " + s.id() + " changed");
            }
            if (!Objects.equals(was.startsAt(), s.startsAt()) || !Objects.equals(was.endsAt(), s.endsAt())) {
                changes.add("time of " + s.id() + " " + was.startsAt() + "–" + was.endsAt() + " → " + s.startsAt()
                        + "–" + s.endsAt());
            }
        }
        before.sessions().stream().filter(s -> !now.containsKey(s.id()))
                .forEach(s -> changes.add("session " + s.id() + " removed"));
        return changes.isEmpty() ? "no change" : String.join("; ", changes);
    }

    private static void field(List<String> changes, String name, Object before, Object after, boolean showValues) {
        if (!Objects.equals(before, after)) {
            changes.add(showValues ? name + " " + before + " → " + after : name + " changed");
        }
    }

    private static Map<String, SessionDefinition> byId(EventDefinition event) {
        return event.sessions().stream().collect(Collectors.toMap(SessionDefinition::id, Function.identity()));
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
