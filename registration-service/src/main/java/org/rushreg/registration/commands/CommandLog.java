package org.rushreg.registration.commands;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.nio.charset.StandardCharsets;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Appends commands to the ordered log of their event ({@code registration.commands}, key = event id). The
 * producer binding is synchronous with {@code acks=all}, so a return from {@link #append} means the broker has
 * the command; anything else is a {@link CommandNotAcceptedException}.
 *
 * <p>A circuit breaker sits in front of the producer: with the broker gone, each send would hold a request
 * thread for the producer timeouts, so after a few failures the breaker refuses at once (a quick 503) and lets
 * one send through now and then to find out whether the broker is back.
 */
@Component
public class CommandLog {

    private static final Logger log = LoggerFactory.getLogger(CommandLog.class);

    static final String BINDING = "registrationCommands-out-0";

    private final StreamBridge streamBridge;
    private final CircuitBreaker breaker;

    public CommandLog(StreamBridge streamBridge, PublishBreakerProperties properties) {
        this.streamBridge = streamBridge;
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
            throw new CommandNotAcceptedException(command, e);
        }
    }

    private void send(RegistrationCommand command) {
        Message<byte[]> message = MessageBuilder.withPayload(MessageJson.toBytes(command))
                .setHeader(KafkaHeaders.KEY, command.eventId().getBytes(StandardCharsets.UTF_8))
                .build();
        boolean sent;
        try {
            sent = streamBridge.send(BINDING, message);
        } catch (RuntimeException e) {
            throw new CommandNotAcceptedException(command, e);
        }
        if (!sent) {
            throw new CommandNotAcceptedException(command, null);
        }
    }
}
