package org.rushreg.registration.commands;

import java.nio.charset.StandardCharsets;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationCommand;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Appends commands to the ordered log of their event ({@code registration.commands}, key = event id). The
 * producer binding is synchronous with {@code acks=all}, so a return from {@link #append} means the broker has
 * the command; anything else is a {@link CommandNotAcceptedException}.
 */
@Component
public class CommandLog {

    static final String BINDING = "registrationCommands-out-0";

    private final StreamBridge streamBridge;

    public CommandLog(StreamBridge streamBridge) {
        this.streamBridge = streamBridge;
    }

    public void append(RegistrationCommand command) {
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
