package org.rushreg.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on a random port against an embedded KRaft broker and an embedded PostgreSQL. Every test
 * class extending this shares one Spring context (and so one broker), so keep the configuration here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "rushreg.manage-link-secret=" + ServiceTestSupport.SECRET,
        // the tests' events lie in the past: retention runs only where a test calls it (EventRetentionTest)
        "rushreg.retention.first-check-after=P3650D",
        // a scan not decided in time is answered PENDING; the tests' devices send it again, as real ones do
        "rushreg.check-in.answer-timeout=1s",
        // CheckInTest goes over it with the organiser's account; the tests' other scans stay far below
        "rushreg.check-in.scans-per-device=200",
        // an access request waits this long for the other stores' answers (PersonAccessTest answers in time or not)
        "rushreg.access.answer-wait=4s"
})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1,
        topics = {"registration.commands", "registration.decisions", "seat.availability"},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                "auto.create.topics.enable=true"})
public abstract class ServiceTestSupport {

    static final String SECRET = "test-manage-link-secret-0123456789";
    static final String EVENT = "kongres-2024";
    /** TICKET_SIGNING_KEY of the tests, made anew for each run (one context for every class, so one key). */
    static final String TICKET_KEY = org.rushreg.messages.tickets.TicketCode.newPrivateKey();

    protected static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    protected int port;

    /** The operators' port: /actuator/* answers here, not on {@link #port}. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected EmbeddedKafkaBroker broker;

    private CommandLogReader commandLog;

    /** The command log as this test sees it, read from the start; opened on first use, closed after the test. */
    protected CommandLogReader commandLog() {
        if (commandLog == null) {
            commandLog = new CommandLogReader(broker);
        }
        return commandLog;
    }

    @AfterEach
    void closeCommandLog() {
        if (commandLog != null) {
            commandLog.close();
            commandLog = null;
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
        TestOrganisers.register(registry);
        registry.add("rushreg.ticket-signing-key", () -> TICKET_KEY);
    }

    protected record Answer(int status, String contentType, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    protected Answer send(String method, String path, String contentType, String body, Map<String, String> headers) {
        return send(port, method, path, contentType, body, headers);
    }

    private Answer send(int toPort, String method, String path, String contentType, String body,
                        Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + toPort + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    protected Answer get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    /** A GET on the operators' port. */
    protected Answer management(String path) {
        return send(managementPort, "GET", path, null, null, Map.of());
    }

    protected Answer postJson(String path, Object body, Map<String, String> headers) {
        return send("POST", path, "application/json", body instanceof String s ? s : JSON.writeValueAsString(body),
                headers);
    }

    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient readModel;

    /**
     * Waits until the read model has recorded the registration from its command: requests no longer write it
     * themselves (decision 0013), the read model does, a moment after the 202.
     */
    protected void awaitRecorded(String registrationId) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> readModel
                .sql("select count(*) from registrations where id = :id and terms_version is not null")
                .param("id", registrationId).query(Long.class).single() == 1);
    }

    /**
     * A second instance of the service in this JVM, against the same broker and database, with all its consumers
     * stopped (so every outcome is applied by the test's own instance); close it when done.
     */
    protected ConfigurableApplicationContext startAnotherInstance() {
        return startAnotherInstance(broker.getBrokersAsString());
    }

    /** Another instance sending to and reading from the given brokers. */
    protected static ConfigurableApplicationContext startAnotherInstance(String brokers) {
        // command-line arguments, which outrank application.yml as the test context's properties do, and the JVM's
        // system properties: every embedded broker a test context starts sets spring.kafka.bootstrap-servers there
        // and leaves it when stopped, and that property (not the binder's) is what the command sender uses
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--rushreg.manage-link-secret=" + SECRET,
                "--spring.datasource.url=" + TestPostgres.instance().getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                // a few connections are plenty for a test's requests; the embedded PostgreSQL allows 100 in all
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--rushreg.organiser.username=" + TestOrganisers.ORGANISER,
                "--rushreg.organiser.password-hash="
                        + new BCryptPasswordEncoder(4).encode(TestOrganisers.ORGANISER_PASSWORD)));
        for (String binding : List.of("readModel-in-0", "readModelDecisions-in-0", "seatAvailability-in-0",
                "attendance-in-0")) {
            args.add("--spring.cloud.stream.bindings." + binding + ".consumer.auto-startup=false");
        }
        return new SpringApplicationBuilder(RegistrationServiceApplication.class).run(args.toArray(String[]::new));
    }

    /** The HTTP port of an instance started with {@link #startAnotherInstance()}. */
    protected static int portOf(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    protected Answer register(Map<String, Object> body) {
        return postJson("/api/events/" + EVENT + "/registrations", body, Map.of());
    }

    protected static Map<String, Object> registration(String... sessionIds) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("firstName", "Anna");
        body.put("lastName", "Nowak");
        body.put("email", "anna." + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
        body.put("organisation", "Urząd Miasta Krakowa");
        body.put("sessionIds", java.util.List.of(sessionIds));
        body.put("locale", "pl");
        body.put("consents", Map.of("terms", true, "privacy", true));
        return body;
    }

    protected static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        var copy = new java.util.LinkedHashMap<>(body);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    /** The HTTP Basic header of an account. */
    protected static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Creates through the organiser API an event called {@code name}, open for registration, on 6 May 2030 with the
     * sessions "plenary" (09:00–11:00) and "walk" (12:00–14:00) of the given seats; returns its id ({@code idPrefix}
     * and a random end).
     */
    protected String organiserEvent(String idPrefix, String name, int plenarySeats, int walkSeats) {
        String id = idPrefix + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("name", name);
        event.put("venue", "Centrum Konferencyjne");
        event.put("timeZone", "Europe/Warsaw");
        event.put("startsOn", "2030-05-06");
        event.put("endsOn", "2030-05-06");
        event.put("registrationOpensAt", "2024-01-01T00:00:00Z");
        event.put("waitlistEnabled", true);
        event.put("sessions", List.of(
                Map.of("id", "plenary", "title", "Sesja plenarna", "startsAt", "2030-05-06T09:00:00+02:00",
                        "endsAt", "2030-05-06T11:00:00+02:00", "capacity", plenarySeats),
                Map.of("id", "walk", "title", "Spacer studyjny", "startsAt", "2030-05-06T12:00:00+02:00",
                        "endsAt", "2030-05-06T14:00:00+02:00", "capacity", walkSeats)));
        Answer put = send("PUT", "/api/organiser/events/" + id, "application/json", JSON.writeValueAsString(event),
                Map.of("Authorization", basic(TestOrganisers.ORGANISER, TestOrganisers.ORGANISER_PASSWORD)));
        if (put.status() != 201) {
            throw new IllegalStateException("The organiser API did not create event " + id + ": " + put.body());
        }
        return id;
    }
}
