package org.rushreg.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * One SMTP connection per sending thread, kept open and used for one email after another: a connection per email
 * (TCP handshake, greeting, EHLO, QUIT, and a thread in the receiving server) cost more than the email itself. A
 * thread's connection is dropped after any failure, since the server may have closed it or left it in an unknown
 * state; the next email (the retry) opens a new one. It is also replaced after
 * {@link SmtpConnectionSettings#messagesPerConnection()} emails and when it sat unused longer than
 * {@link SmtpConnectionSettings#maxIdle()}. Each thread only ever touches its own connection.
 */
@Component
public class SmtpConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

    private final JavaMailSenderImpl server;
    private final SmtpConnectionSettings settings;
    private final LongSupplier nanoClock;
    private final Counter opened;
    private final Map<Thread, Kept> byThread = new ConcurrentHashMap<>();

    @Autowired
    public SmtpConnections(JavaMailSenderImpl server, SmtpConnectionSettings settings, MeterRegistry meters) {
        this(server, settings, meters, System::nanoTime);
    }

    SmtpConnections(JavaMailSenderImpl server, SmtpConnectionSettings settings, MeterRegistry meters,
                    LongSupplier nanoClock) {
        this.server = server;
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.opened = Counter.builder("notification.smtp.connections")
                .description("SMTP connections opened (each is kept for many emails)").register(meters);
    }

    /**
     * Sends a message ready to be written as it is (saved, or parsed and left unchanged), on this thread's
     * connection; throws what the server said.
     */
    public void send(MimeMessage message) throws MessagingException {
        Kept kept = connection();
        try {
            kept.transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            drop(kept);
            throw e;
        }
        kept.sent++;
        kept.lastUsed = nanoClock.getAsLong();
        if (kept.sent >= settings.messagesPerConnection()) {
            drop(kept);
        }
    }

    private Kept connection() throws MessagingException {
        Kept kept = byThread.get(Thread.currentThread());
        if (kept != null && nanoClock.getAsLong() - kept.lastUsed > settings.maxIdle().toNanos()) {
            drop(kept);
            kept = null;
        }
        if (kept == null) {
            kept = new Kept(open(), nanoClock.getAsLong());
            byThread.put(Thread.currentThread(), kept);
        }
        return kept;
    }

    private Transport open() throws MessagingException {
        // As JavaMailSenderImpl connects: its protocol, else the session's, else SMTP; an empty user name means no
        // authentication.
        String protocol = server.getProtocol() != null ? server.getProtocol()
                : server.getSession().getProperty("mail.transport.protocol");
        Transport transport = server.getSession().getTransport(protocol != null ? protocol : "smtp");
        String username = server.getUsername();
        String password = server.getPassword();
        if ("".equals(username)) {
            username = null;
            password = "".equals(password) ? null : password;
        }
        transport.connect(server.getHost(), server.getPort(), username, password);
        opened.increment();
        return transport;
    }

    private void drop(Kept kept) {
        byThread.remove(Thread.currentThread(), kept);
        quietlyClose(kept.transport);
    }

    private static void quietlyClose(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // Already broken or closed by the server: nothing is lost, the next email opens a new connection.
            log.debug("Closing an SMTP connection failed: {}", e.toString());
        }
    }

    /**
     * Closes this thread's connection, if it keeps one: for a thread that sends now and then and may not come back
     * (a scheduled job's run, on a thread of its own each time).
     */
    public void release() {
        Kept kept = byThread.get(Thread.currentThread());
        if (kept != null) {
            drop(kept);
        }
    }

    /** Says goodbye (QUIT) on every kept connection; the consumers have stopped by then. */
    @Override
    public void close() {
        byThread.values().forEach(kept -> quietlyClose(kept.transport));
        byThread.clear();
    }

    private static final class Kept {

        final Transport transport;
        long lastUsed;
        int sent;

        Kept(Transport transport, long lastUsed) {
            this.transport = transport;
            this.lastUsed = lastUsed;
        }
    }
}
