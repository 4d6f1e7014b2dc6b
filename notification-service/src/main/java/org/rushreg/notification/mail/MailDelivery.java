package org.rushreg.notification.mail;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.rushreg.notification.calendar.SessionCalendar;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Hands a {@link DecisionEmail} to the SMTP server, on the sending thread's kept connection ({@link SmtpConnections}).
 * A permanent refusal (a 5xx reply, an address that cannot be
 * written) comes back as a {@link Delivery} saying why; anything that may pass later (server down, 4xx) is thrown
 * as a {@link MailServerUnavailableException}, so the record is retried instead of dropped.
 */
public class MailDelivery {

    static {
        // Jakarta Mail 2.1 finds its StreamProvider anew for every body part, multipart and encoded header, through
        // the ServiceLoader unless a system property names the class (jakartaee/mail-api#699, #861). In the Boot jar
        // that scan of every nested jar's META-INF/services was half of this service's CPU per email (JFR, session
        // 4); with the property set the lookup is one class load. An explicit setting of the property wins.
        System.getProperties().putIfAbsent(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }

    private final JavaMailSenderImpl sender;
    private final MailSettings settings;
    private final SmtpConnections connections;

    public MailDelivery(JavaMailSenderImpl sender, MailSettings settings, SmtpConnections connections) {
        this.sender = sender;
        this.settings = settings;
        this.connections = connections;
    }

    /** The result of a delivery the server decided on: sent, or refused for good with a reason. */
    public record Delivery(boolean sent, String failure) {

        static Delivery ok() {
            return new Delivery(true, null);
        }

        static Delivery refused(String reason) {
            return new Delivery(false, reason);
        }
    }

    public Delivery send(DecisionEmail email) {
        MimeMessage message;
        try {
            message = compose(email);
            message.setSentDate(new Date());
            message.saveChanges();
        } catch (AddressException e) {
            return Delivery.refused("invalid address: " + e.getMessage());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("Could not compose the email for " + email.registrationId(), e);
        }
        try {
            connections.send(message);
            return Delivery.ok();
        } catch (MessagingException | RuntimeException e) {
            String permanent = permanentFailure(e);
            if (permanent != null) {
                return Delivery.refused(permanent);
            }
            throw new MailServerUnavailableException("SMTP delivery failed for now: " + e.getMessage(), e);
        }
    }

    public MimeMessage compose(DecisionEmail email) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new StableIdMessage(sender.getSession(), messageId(email.decisionId()));
        MimeMessageHelper helper = new SharedTypesHelper(message);
        helper.setFrom(settings.from());
        String replyTo = settings.replyTo() != null ? settings.replyTo() : headerSafe(email.replyTo());
        if (replyTo != null && !replyTo.isBlank()) {
            helper.setReplyTo(replyTo);
        }
        InternetAddress to = new InternetAddress(email.toAddress(), true);
        String name = headerSafe(email.toName());
        if (name != null && !name.isBlank()) {
            to.setPersonal(name, StandardCharsets.UTF_8.name());
        }
        helper.setTo(to);
        helper.setSubject(headerSafe(email.subject()));
        helper.setText(email.text(), email.html());
        if (email.calendar() != null) {
            helper.addAttachment(DecisionEmail.CALENDAR_FILE_NAME, new ByteArrayResource(email.calendar()),
                    SessionCalendar.contentType(email.calendarMethod()));
        }
        message.setHeader("Auto-Submitted", "auto-generated");
        return message;
    }

    /** The same decision always gets the same Message-ID, so a repeat (after a crash) is recognisable as one. */
    public static String messageId(String decisionId) {
        return "<" + (decisionId == null ? "unknown" : decisionId.replaceAll("[^A-Za-z0-9._-]", "")) + "@rushreg>";
    }

    /**
     * A MimeMessageHelper that does not build a new file-type map (reading the {@code mime.types} files from the
     * jar) for every email: {@link MimeMessageHelper} does that for any message JavaMailSenderImpl did not create,
     * and {@link StableIdMessage} is one. A JFR profile of the service sending after a rush put 36% of its CPU there.
     */
    private static final class SharedTypesHelper extends MimeMessageHelper {

        private static final FileTypeMap FILE_TYPES = fileTypes();

        SharedTypesHelper(MimeMessage message) throws MessagingException {
            super(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, StandardCharsets.UTF_8.name());
        }

        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
            return FILE_TYPES;
        }

        private static FileTypeMap fileTypes() {
            ConfigurableMimeFileTypeMap map = new ConfigurableMimeFileTypeMap();
            map.afterPropertiesSet();
            return map;
        }
    }

    /** JavaMail replaces the Message-ID with a random one on every save; this keeps ours. */
    private static final class StableIdMessage extends MimeMessage {

        private final String id;

        StableIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /**
     * Line breaks and other control characters never reach a header: a name typed as {@code "Anna\r\nBcc: ..."}
     * must stay a name. (JavaMail treats CR and LF as plain ASCII and would not encode them away.)
     */
    static String headerSafe(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    /** Why the server refused the email for good, or null when trying again may help. */
    static String permanentFailure(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(failure);
        Set<Throwable> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Throwable next = pending.pop();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof SMTPSendFailedException smtp && smtp.getReturnCode() >= 500) {
                return "SMTP " + smtp.getReturnCode() + ": " + smtp.getMessage().strip();
            }
            if (next instanceof SMTPAddressFailedException smtp && smtp.getReturnCode() >= 500) {
                return "SMTP " + smtp.getReturnCode() + ": " + smtp.getMessage().strip();
            }
            if (next instanceof AddressException) {
                return "invalid address: " + next.getMessage();
            }
            if (next instanceof MessagingException messaging && messaging.getNextException() != null) {
                pending.push(messaging.getNextException());
            }
            if (next.getCause() != null) {
                pending.push(next.getCause());
            }
        }
        return null;
    }
}
