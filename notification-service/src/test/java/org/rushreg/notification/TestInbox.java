package org.rushreg.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * GreenMail on a fixed port (so it can be stopped and started again where the service expects it), behind a
 * {@link RejectingSmtpProxy} that refuses {@code nobody…} addresses for good. The service is pointed at
 * {@link #smtpPort()}.
 */
public final class TestInbox {

    private final int greenMailPort = freePort();
    private final RejectingSmtpProxy proxy;
    private GreenMail greenMail;

    private static TestInbox shared;

    /** The inbox of every test class that runs the service in this JVM (ServiceIntegrationTest). */
    public static synchronized TestInbox shared() {
        if (shared == null) {
            shared = new TestInbox();
        }
        return shared;
    }

    public TestInbox() {
        try {
            proxy = new RejectingSmtpProxy(greenMailPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    public int smtpPort() {
        return proxy.port();
    }

    public synchronized void start() {
        greenMail = new GreenMail(new ServerSetup(greenMailPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /**
     * The server as the service sees it goes away: every open SMTP connection is cut, wherever its conversation
     * was, and new ones are closed at once, while what arrived stays in the inbox.
     */
    public void cutOff() {
        proxy.cutOff();
    }

    public void restore() {
        proxy.restore();
    }

    /** SMTP connections the service opened so far. */
    public int connections() {
        return proxy.connections();
    }

    /** What arrived since the last start (GreenMail keeps its mail in memory). */
    public synchronized List<MimeMessage> all() {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
    }

    public List<MimeMessage> to(String address) {
        return all().stream().filter(m -> addressedTo(m, address)).toList();
    }

    public static String uniqueAddress(String who) {
        return who + "-" + UUID.randomUUID() + "@example.org";
    }

    public static boolean addressedTo(MimeMessage message, String address) {
        try {
            Object[] to = message.getRecipients(Message.RecipientType.TO);
            return to != null && Arrays.stream(to)
                    .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Part findPart(Part part, String contentType) throws Exception {
        if (part.isMimeType(contentType)) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = findPart(child, contentType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public static String text(Part part) throws Exception {
        return part == null ? null : new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
