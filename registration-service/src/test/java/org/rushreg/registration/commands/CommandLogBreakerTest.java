package org.rushreg.registration.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.Topics;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The breaker around publishing: opens after failures, refuses without touching the producer, recovers alone.
 * Kafka's own MockProducer stands in for the broker here; BrokerDownTest and BrokerBackTest prove the same with a
 * real one.
 */
class CommandLogBreakerTest {

    /** Like the factory's shared producer, it stays open when the template closes it after a failed send. */
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                @Override
                public void close() {
                }

                @Override
                public void close(Duration timeout) {
                }
            };
    private final CommandLog log = new CommandLog(new KafkaTemplate<>(() -> producer),
            new PublishBreakerProperties(50, 4, 2, Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(1)));

    private static CancelRegistration command() {
        return CancelRegistration.of("kongres-2024", "r-1");
    }

    @Test
    void afterFailedSendsTheBreakerRefusesAtOnceAndABrokerBackIsUsedAgainWithoutRestart() {
        producer.sendException = new KafkaException("timeout");
        assertThatThrownBy(() -> log.append(command())).isInstanceOf(CommandNotAcceptedException.class);
        assertThatThrownBy(() -> log.append(command())).isInstanceOf(CommandNotAcceptedException.class);

        // Open: refused without asking the producer.
        producer.sendException = null;
        assertThatThrownBy(() -> log.append(command())).isInstanceOf(CommandNotAcceptedException.class)
                .hasRootCauseInstanceOf(io.github.resilience4j.circuitbreaker.CallNotPermittedException.class);
        assertThat(producer.history()).isEmpty();

        // The broker is back; after the open period one probe goes through and closes the breaker.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> log.append(command()));
        log.append(command());
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void aCommandGoesToTheEventsLogKeyedByItsEvent() {
        log.append(command());

        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.REGISTRATION_COMMANDS.name());
            assertThat(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("kongres-2024");
        });
    }
}
