package org.rushreg.notification;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The running service against real things: an embedded Kafka broker (three partitions, so several consumer threads),
 * PostgreSQL ({@link TestPostgres}), an SMTP server ({@link #INBOX}) and the sample ticket key. A test class adds
 * its own settings with {@code @TestPropertySource(properties = …)}; those win over the ones here (for example
 * {@code notification.ticket-signing-key=} for a run without a ticket key).
 */
@SpringBootTest
@TestPropertySource(properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "notification.manage-link-secret=integration-test-secret-0123456789",
        "notification.public-url=https://kongres.example.org",
        "notification.from=no-reply@kongres.example.org",
        "notification.ticket-signing-key=${sample.ticket-signing-key}"})
@EmbeddedKafka(partitions = 3,
        topics = {"registration.decisions", "notification.outcomes", "registration.decisions.dlq",
                "erasure.confirmations", "personal-data.access"},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
public abstract class ServiceIntegrationTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(120);

    /**
     * One SMTP server for every test class in the run, never stopped: a context Spring keeps cached for a later class
     * stays pointed at it. Tests tell their emails apart by address ({@link TestInbox#uniqueAddress}); one that
     * stops the server starts it again before it ends.
     */
    protected static final TestInbox INBOX = TestInbox.shared();

    @Autowired
    protected EmbeddedKafkaBroker broker;

    /** Writes decisions as the capacity-service does, reads outcomes and dead letters; new for each test. */
    protected TestKafka kafka;

    @DynamicPropertySource
    static void mailServerDatabaseAndTicketKey(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", INBOX::smtpPort);
        TestPostgres.register(registry);
        registry.add("sample.ticket-signing-key", () -> SampleDecisions.TICKET_KEY);
    }

    @BeforeEach
    void openTestKafka() {
        kafka = new TestKafka(broker.getBrokersAsString());
    }

    @AfterEach
    void closeTestKafka() {
        kafka.close();
    }

    /** The tables of the service's database with a row whose text holds {@code marker}, in any case. */
    protected static List<String> tablesHolding(JdbcClient database, String marker) {
        List<String> tables = database.sql("""
                        select table_name from information_schema.tables
                        where table_schema = 'public' and table_type = 'BASE TABLE'""")
                .query(String.class).list();
        return tables.stream().filter(table -> database.sql("select count(*) from \"" + table + "\" t "
                        + "where t::text ilike ?").param("%" + marker + "%").query(Long.class).single() > 0)
                .toList();
    }
}
