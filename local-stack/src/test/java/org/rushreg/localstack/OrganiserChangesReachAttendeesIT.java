package org.rushreg.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rushreg.localstack.inbox.InboxMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An organiser's message and changes reach the attendee, end to end (issue 18, decisions 0033, 0036 and 0042): the
 * whole local stack, driven over HTTP only — a person registers through the public API, the organiser writes to the
 * session's confirmed people with {@code POST /api/organiser/events/{id}/messages}, moves the session with {@code PUT
 * /api/organiser/events/{id}} and later cancels it the same way — and the person's inbox on the stack's SMTP server
 * gets the message in their language (counted as sent in the message's report), the update (the old time beside the
 * new, a REQUEST of the same calendar entry at a higher SEQUENCE), then the cancellation (a CANCEL of that entry at a
 * higher SEQUENCE still), each once; the registration is then cancelled.
 */
class OrganiserChangesReachAttendeesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = SharedStack.acquire();
    }

    @AfterAll
    static void stopStack() throws Exception {
        SharedStack.release();
    }

    @Test
    void aMessageAMovedAndThenCancelledSessionReachItsAttendeesInboxOnceEach() throws Exception {
        Settings settings = SharedStack.settings();
        URI app = URI.create(settings.registrationUrl());
        String auth = "Basic " + Base64.getEncoder().encodeToString((stack.organiserLogin().username() + ":"
                + stack.organiserLogin().password()).getBytes(StandardCharsets.UTF_8));
        String email = "moved." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

        String registrationId = register(app, SharedStack.CHANGED_EVENT, email);
        await("confirmed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> "CONFIRMED".equals(status(app, registrationId)));
        List<MimeMessage> confirmation = awaitEmails(stack, settings, email, 1);
        Calendar invited = calendarOf(confirmation.get(0));

        // The organiser writes to the workshop's confirmed people (decision 0042).
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("sessionId", "workshop");
        message.put("subjectPl", "Zmiana sali");
        message.put("bodyPl", "Warsztat odbędzie się w sali 2.");
        message.put("subjectEn", "Room change");
        message.put("bodyEn", "The workshop takes place in room 2.");
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(
                        app.resolve("/api/organiser/events/" + SharedStack.CHANGED_EVENT + "/messages"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        List<MimeMessage> afterMessage = awaitEmails(stack, settings, email, 2);
        assertThat(afterMessage.get(1).getSubject()).startsWith("Zmiana sali");
        assertThat(textOf(afterMessage.get(1))).contains("Warsztat odbędzie się w sali 2.")
                .doesNotContain("room 2");
        await("the message reported as sent to one").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                    app.resolve("/api/organiser/events/" + SharedStack.CHANGED_EVENT + "/messages"))
                            .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
                    JsonNode report = JSON.readTree(r.body()).path(0);
                    return report.path("addressed").asInt() == 1 && report.path("sent").asInt() == 1;
                });

        // The organiser moves the workshop an hour later.
        ObjectNode event = organiserEvent(app, auth, SharedStack.CHANGED_EVENT);
        ObjectNode workshop = (ObjectNode) event.get("sessions").get(0);
        workshop.put("startsAt", "2030-05-06T09:00:00Z").put("endsAt", "2030-05-06T11:00:00Z");
        assertThat(put(app, auth, SharedStack.CHANGED_EVENT, event).statusCode()).isEqualTo(200);

        List<MimeMessage> afterMove = awaitEmails(stack, settings, email, 3);
        MimeMessage update = afterMove.get(2);
        assertThat(update.getSubject()).startsWith("Zmiana terminu lub miejsca");
        assertThat(textOf(update)).contains(
                "- Termin: było 6 maja 2030, 10:00–12:00 → jest 6 maja 2030, 11:00–13:00");
        Calendar updated = calendarOf(update);
        assertThat(method(updated)).isEqualTo("REQUEST");
        assertThat(uid(updated)).isEqualTo(uid(invited));
        assertThat(sequence(updated)).isGreaterThan(sequence(invited));

        // Then calls it off.
        workshop.put("cancelled", true);
        assertThat(put(app, auth, SharedStack.CHANGED_EVENT, event).statusCode()).isEqualTo(200);

        List<MimeMessage> afterCancel = awaitEmails(stack, settings, email, 4);
        MimeMessage calledOff = afterCancel.get(3);
        assertThat(calledOff.getSubject()).startsWith("Sesja odwołana");
        Calendar cancel = calendarOf(calledOff);
        assertThat(method(cancel)).isEqualTo("CANCEL");
        assertThat(uid(cancel)).isEqualTo(uid(invited));
        assertThat(sequence(cancel)).isGreaterThan(sequence(updated));
        assertThat(event(cancel).getProperty(Property.ORGANIZER)).isPresent();
        await("the registration cancelled in the read model").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "CANCELLED".equals(status(app, registrationId)));
        await("no second email of any").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                .until(() -> stack.inbox().summariesNewestFirst(email).size() == 4);
    }

    private String register(URI app, String eventId, String email) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Anna");
        body.put("lastName", "Nowak");
        body.put("email", email);
        body.put("sessionIds", List.of("workshop"));
        body.put("locale", "pl");
        body.put("consents", Map.of("terms", true, "privacy", true));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.resolve("/api/events/" + eventId + "/registrations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("registrationId").asString();
    }

    private String status(URI app, String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.resolve("/api/registrations/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()).path("status").asString(null) : null;
    }

    private ObjectNode organiserEvent(URI app, String auth, String eventId) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.resolve("/api/organiser/events/" + eventId))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        ObjectNode event = (ObjectNode) JSON.readTree(r.body());
        // What the GET shows with no value is left out of the PUT: the definition reads it as absent.
        List<String> nulls = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : event.properties()) {
            if (property.getValue().isNull()) {
                nulls.add(property.getKey());
            }
        }
        nulls.forEach(event::remove);
        return event;
    }

    private HttpResponse<String> put(URI app, String auth, String eventId, JsonNode event) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.resolve("/api/organiser/events/" + eventId))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(event))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return r;
    }

    /** The emails to {@code address} as the stack's SMTP server stored them, oldest first, once there are {@code n}. */
    private static List<MimeMessage> awaitEmails(LocalStack stack, Settings settings, String address, int n) {
        await(n + " emails to " + address).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.inbox().summariesNewestFirst(address).size() >= n);
        Session session = Session.getInstance(new Properties());
        List<InboxMessage.Summary> oldestFirst = new ArrayList<>(stack.inbox().summariesNewestFirst(address));
        Collections.reverse(oldestFirst);
        return oldestFirst.stream().map(InboxMessage.Summary::id).map(id -> {
            try (InputStream raw = Files.newInputStream(settings.dataDir().resolve("mail").resolve(id + ".eml"))) {
                return new MimeMessage(session, raw);
            } catch (Exception e) {
                throw new AssertionError("cannot read stored email " + id, e);
            }
        }).toList();
    }

    private static String textOf(MimeMessage email) throws Exception {
        return find(email, "text/plain").getContent().toString();
    }

    /** The single calendar attachment, read back with ical4j. */
    private static Calendar calendarOf(MimeMessage email) throws Exception {
        BodyPart part = find(email, "text/calendar");
        String ics = new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static BodyPart find(MimeMessage email, String type) throws Exception {
        return find((Multipart) email.getContent(), type);
    }

    private static BodyPart find(Multipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part;
            }
            if (part.getContent() instanceof Multipart nested) {
                try {
                    return find(nested, type);
                } catch (AssertionError notThere) {
                    // look further
                }
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static VEvent event(Calendar calendar) {
        return calendar.<VEvent>getComponents(Component.VEVENT).get(0);
    }

    private static String method(Calendar calendar) {
        return calendar.getProperty(Property.METHOD).orElseThrow().getValue();
    }

    private static String uid(Calendar calendar) {
        return event(calendar).getUid().orElseThrow().getValue();
    }

    private static int sequence(Calendar calendar) {
        return Integer.parseInt(event(calendar).getProperty(Property.SEQUENCE).orElseThrow().getValue());
    }
}
