package org.rushreg.localstack.control;

import java.util.Map;

import org.rushreg.localstack.inbox.InboxHttpServer;
import org.rushreg.localstack.kafka.KafkaBroker;
import org.rushreg.localstack.mail.SmtpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault drills for the load test's chaos run, served by the inbox server under {@code POST /control/...}: the SMTP
 * server and the broker live in the launcher's JVM, so only the launcher can stop them. (Killing a service needs
 * no help: its pid file is in the data folder, and the launcher starts it again.)
 */
public final class FaultControls {

    private static final Logger log = LoggerFactory.getLogger(FaultControls.class);

    private FaultControls() {
    }

    public static Map<String, InboxHttpServer.Control> of(SmtpServer smtp, KafkaBroker kafka) {
        return Map.of(
                "/control/smtp/stop", () -> {
                    log.warn("Control: stopping the SMTP server");
                    smtp.close();
                    return "SMTP server stopped";
                },
                "/control/smtp/start", () -> {
                    smtp.start();
                    log.warn("Control: SMTP server started again");
                    return "SMTP server started";
                },
                "/control/kafka/restart", () -> {
                    long began = System.nanoTime();
                    log.warn("Control: restarting the Kafka broker");
                    kafka.restart();
                    String done = "Kafka broker restarted in " + (System.nanoTime() - began) / 1_000_000 + " ms";
                    log.warn("Control: {}", done);
                    return done;
                });
    }
}
