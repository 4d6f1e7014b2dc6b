package org.rushreg.registration.dashboard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.rushreg.messages.MessageJson;

/**
 * What an organiser sees of one event at one moment: seats per session, registrations coming in, who registers,
 * the latest outcomes, how the emails fare and who has arrived. No personal data beyond organisations.
 *
 * @param personalDataErased when the event's people were forgotten after its retention period (the day, in the
 *                           event's zone), null while their data is kept
 */
public record Dashboard(String eventId, String eventName, List<SessionLoad> sessions, Totals totals, Rate rate,
                        List<Share> sectors, List<Share> organisations, int organisationCount,
                        List<LatestOutcome> latest, Emails emails, String personalDataErased,
                        Attendance attendance) {

    /** The sessions at or past the alert threshold. */
    public List<SessionLoad> alerts() {
        return sessions.stream().filter(SessionLoad::alert).toList();
    }

    /**
     * One session's seats as the capacity service last reported them; {@code capacity} is the reported one (the
     * configured one until the first report). {@code present}: people admitted at the session's door (decision 0024).
     */
    public record SessionLoad(String id, String title, String when, int capacity, int confirmed, int waitlisted,
                              int percentFull, boolean alert, long present) {

        public int remaining() {
            return Math.max(0, capacity - confirmed);
        }
    }

    /**
     * Registrations of the event by their current status: {@code held} wait for their address to be verified,
     * {@code expired} were not verified in time (decision 0030) and are not counted among the {@code cancelled}.
     */
    public record Totals(long received, long pending, long confirmed, long waitlisted, long rejected,
                         long cancelled, long held, long expired) {
    }

    /** Registrations received per minute over the last hour, oldest first, minutes without any included. */
    public record Rate(List<Minute> minutes) {

        public long lastMinute() {
            return minutes.isEmpty() ? 0 : minutes.get(minutes.size() - 1).count();
        }

        public long lastHour() {
            return minutes.stream().mapToLong(Minute::count).sum();
        }

        /** The chart's data, read by dashboard.js from the page (no inline script). */
        public String chartJson() {
            return MessageJson.toJson(Map.of("labels", minutes.stream().map(Minute::label).toList(),
                    "counts", minutes.stream().map(Minute::count).toList()));
        }

        /** The last ten minutes, the table shown beside the chart (and instead of it without JavaScript). */
        public List<Minute> recent() {
            List<Minute> recent = new ArrayList<>(minutes.subList(Math.max(0, minutes.size() - 10), minutes.size()));
            Collections.reverse(recent);
            return recent;
        }
    }

    /** {@code label} is the minute's start, HH:mm in the event's time zone. */
    public record Minute(String label, long count) {
    }

    /** Registrations of one sector or organisation; {@code name} is empty when not given. */
    public record Share(String name, long total, long confirmed) {
    }

    /** {@code kind}: CONFIRMED, WAITLISTED, REJECTED, PROMOTED or CANCELLED; {@code at} HH:mm:ss in the event's zone. */
    public record LatestOutcome(String registrationId, String kind, String reason, String organisation, String at) {
    }

    /**
     * Emails by their last reported state; {@code suppressed}: "already registered" reminders not sent on purpose
     * (one per address and event a day, issue 15), no problem; {@code problems} groups the retrying and failed ones
     * by reason.
     */
    public record Emails(long sent, long retrying, long failed, long suppressed, List<Problem> problems) {
    }

    public record Problem(String status, String reason, long count) {
    }

    /**
     * Check-in at the venue's entrance (decision 0024): {@code arrived} of the {@code confirmed} registrations were
     * admitted; {@code conflicts}: scans made offline before a cancellation that arrived after it, for the organisers
     * to look into. Arrivals at sessions' doors are each session's {@code present}.
     */
    public record Attendance(long arrived, long confirmed, long conflicts) {
    }
}
