package org.rushreg.registration.commands;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends commands to the ordered log of their event ({@code registration.commands}, key = event id). Each send
 * waits for the broker's acknowledgement ({@code acks=all}, idempotent producer), so a return from {@link #append}
 * means the broker has the command; anything else is a {@link CommandNotAcceptedException}. A plain
 * {@link KafkaTemplate} rather than a Spring Cloud Stream binding: the command is already bytes, and the binding's
 * message conversion and channel layers cost the request path CPU for nothing.
 *
 * <p>A circuit breaker sits in front of the producer: with the broker gone, each send would hold a request
 * thread for the producer timeouts, so after a few failures the breaker refuses at once (a quick 503) and lets
 * one send through now and then to find out whether the broker is back.
 */
@Component
public class CommandLog {

    private static final Logger log = LoggerFactory.getLogger(CommandLog.class);

    /** Longer than the producer's delivery timeout, which ends every send before it with a definite answer. */
    private static final long SEND_TIMEOUT_SECONDS = 9;

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final CircuitBreaker breaker;

    public CommandLog(KafkaTemplate<byte[], byte[]> kafka, PublishBreakerProperties properties) {
        this.kafka = kafka;
        this.breaker = CircuitBreaker.of("publish-commands", CircuitBreakerConfig.custom()
                .slidingWindowSize(properties.window())
                .minimumNumberOfCalls(properties.minimumCalls())
                .failureRateThreshold(properties.failureRatePercent())
                .waitDurationInOpenState(properties.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        breaker.getEventPublisher().onStateTransition(e ->
                log.warn("Publishing commands: circuit breaker {}", e.getStateTransition()));
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    public void append(RegistrationCommand command) {
        try {
            breaker.executeRunnable(() -> send(command));
        } catch (CallNotPermittedException e) {
            throw notAccepted(command, e);
        }
    }

    /** The refusal the client gets (503, nothing recorded), logged with the command it concerns. */
    private static CommandNotAcceptedException notAccepted(RegistrationCommand command, Throwable cause) {
        CommandNotAcceptedException refusal = new CommandNotAcceptedException(command, cause);
        log.warn("Answering 503: {} ({})", refusal.internalMessage(), cause == null ? "no cause" : cause.toString());
        return refusal;
    }

    private void send(RegistrationCommand command) {
        var record = new ProducerRecord<>(Topics.REGISTRATION_COMMANDS.name(),
                command.eventId().getBytes(StandardCharsets.UTF_8), MessageJson.toBytes(command));
        try {
            kafka.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notAccepted(command, e);
        } catch (ExecutionException e) {
            throw notAccepted(command, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw notAccepted(command, e);
        }
    }
}
