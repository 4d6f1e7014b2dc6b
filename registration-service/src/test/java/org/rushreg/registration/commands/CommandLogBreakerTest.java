package org.rushreg.registration.commands;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.CancelRegistration;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;

/** The breaker around publishing: opens after failures, refuses without touching the producer, recovers alone. */
class CommandLogBreakerTest {

    private final StreamBridge bridge = mock(StreamBridge.class);
    private final CommandLog log = new CommandLog(bridge,
            new PublishBreakerProperties(50, 4, 2, Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(1)));

    private static CancelRegistration command() {
        return CancelRegistration.of("kongres-2024", "r-1");
    }

    @Test
    void afterFailedSendsTheBreakerRefusesAtOnceAndABrokerBackIsUsedAgainWithoutRestart() {
        when(bridge.send(eq(CommandLog.BINDING), any(Message.class))).thenThrow(new IllegalStateException("timeout"));
        assertThatThrownBy(() -> log.append(command())).isInstanceOf(CommandNotAcceptedException.class);
        assertThatThrownBy(() -> log.append(command())).isInstanceOf(CommandNotAcceptedException.class);
        verify(bridge, times(2)).send(eq(CommandLog.BINDING), any(Message.class));

        // Open: refused without asking the producer.
        assertThatThrownBy(() -> log.append(command())).isInstanceOf(CommandNotAcceptedException.class)
                .hasRootCauseInstanceOf(io.github.resilience4j.circuitbreaker.CallNotPermittedException.class);
        verify(bridge, times(2)).send(eq(CommandLog.BINDING), any(Message.class));

        // The broker is back; after the open period one probe goes through and closes the breaker.
        when(bridge.send(eq(CommandLog.BINDING), any(Message.class))).thenReturn(true);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> log.append(command()));
        log.append(command());
        verify(bridge, times(4)).send(eq(CommandLog.BINDING), any(Message.class));
    }

    @Test
    void aSendTheBinderReportsAsNotSentIsNotAccepted() {
        when(bridge.send(eq(CommandLog.BINDING), any(Message.class))).thenReturn(false);
        assertThatThrownBy(() -> log.append(command())).isInstanceOf(CommandNotAcceptedException.class);
    }
}
