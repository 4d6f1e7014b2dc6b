package org.rushreg.localstack.inbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every email the SMTP server received, kept as {@code .eml} files in the data folder (so the inbox survives a
 * restart like the rest of the data). In memory only each email's summary from its headers; bodies are read from
 * the file when asked for (the load test's twenty thousand emails made parsing every body on arrival the inbox's
 * main cost).
 */
public final class Inbox {

    static {
        // Jakarta Mail 2.1 looks up its StreamProvider for every message it parses, through the ServiceLoader unless
        // this property names the class (jakartaee/mail-api#699). In the packaged jar that scan of every nested jar
        // was most of the inbox's CPU per received email (docs/benchmarks.md). An explicit setting wins.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final Path dir;
    private final Session session = Session.getInstance(new Properties());
    private final List<InboxMessage.Summary> messages = new ArrayList<>();
    private long nextId = 1;

    public Inbox(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().toList()) {
                load(file);
            }
        }
    }

    private void load(Path file) {
        String id = file.getFileName().toString().replace(".eml", "");
        try {
            messages.add(InboxMessage.summaryOf(id, parse(Files.readAllBytes(file)),
                    Files.getLastModifiedTime(file).toInstant()));
            nextId = Math.max(nextId, Long.parseLong(id) + 1);
        } catch (IOException | MessagingException | NumberFormatException e) {
            log.warn("Skipping unreadable mail file {}: {}", file, e.toString());
        }
    }

    /**
     * Stores one received email, as the bytes the server received; the file is written before the message is
     * visible, so nothing shown is lost.
     */
    public synchronized InboxMessage.Summary receive(byte[] raw) {
        try {
            String id = String.format("%08d", nextId++);
            Files.write(dir.resolve(id + ".eml"), raw);
            InboxMessage.Summary received = InboxMessage.summaryOf(id, parse(raw), Instant.now());
            messages.add(received);
            return received;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read the headers of a received email", e);
        }
    }

    /** Reads the headers; the body stays unparsed bytes until something asks for it. */
    private MimeMessage parse(byte[] raw) throws MessagingException {
        return new MimeMessage(session, new ByteArrayInputStream(raw));
    }

    /** The whole message, bodies parsed from its file. */
    private InboxMessage full(InboxMessage.Summary summary) {
        try {
            return InboxMessage.of(summary, parse(Files.readAllBytes(dir.resolve(summary.id() + ".eml"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read stored email " + summary.id(), e);
        }
    }

    /** Newest first, with bodies; {@code to} null or blank means every message. */
    public synchronized List<InboxMessage> newestFirst(String to) {
        return summariesNewestFirst(to).stream().map(this::full).toList();
    }

    /** Newest first, headers only; {@code to} null or blank means every message. */
    public synchronized List<InboxMessage.Summary> summariesNewestFirst(String to) {
        List<InboxMessage.Summary> found = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            InboxMessage.Summary message = messages.get(i);
            if (to == null || to.isBlank() || message.isFor(to)) {
                found.add(message);
            }
        }
        return found;
    }

    /** Every message's recipients, time of arrival and Message-ID, oldest first: cheap enough for a load test to poll. */
    public synchronized List<InboxMessage.Delivery> deliveries() {
        return messages.stream().map(InboxMessage.Summary::delivery).toList();
    }

    /**
     * The deliveries after the one with id {@code afterId}, oldest first: a load test waiting for twenty thousand
     * emails reads only what is new on each poll, instead of the whole list (whose cost would be charged to this
     * JVM in the test's CPU figures).
     */
    public synchronized List<InboxMessage.Delivery> deliveriesAfter(long afterId) {
        int from = messages.size();
        while (from > 0 && Long.parseLong(messages.get(from - 1).id()) > afterId) {
            from--;
        }
        return messages.subList(from, messages.size()).stream().map(InboxMessage.Summary::delivery).toList();
    }

    public synchronized Optional<InboxMessage> find(String id) {
        return messages.stream().filter(m -> m.id().equals(id)).findFirst().map(this::full);
    }

    public synchronized int size() {
        return messages.size();
    }
}
