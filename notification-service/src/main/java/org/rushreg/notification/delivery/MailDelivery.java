package org.rushreg.notification.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.rushreg.notification.rendering.CalendarFile;
import org.rushreg.notification.rendering.DecisionEmail;
import org.rushreg.notification.rendering.SafeText;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Hands a {@link DecisionEmail} to the SMTP server, on the sending thread's kept connection ({@link SmtpConnections}).
 * A permanent refusal (a 5xx reply, an address that cannot be
 * written) comes back as a {@link Delivery} saying why; anything that may pass later (server down, 4xx) is thrown
 * as a {@link MailServerUnavailableException}, so the record is retried instead of dropped.
 *
 * <p>The message is written here as bytes, not built as a tree of Jakarta Mail body parts: the parts are always the
 * same few (a text and an HTML body, for some kinds a calendar file per session, for a seat the ticket's QR code), and
 * building them through MimeMessageHelper and {@code saveChanges()} made Jakarta Mail scan every body to choose its encoding, encode it
 * through its stream classes and rewrite every header, for each email (docs/benchmarks.md). Every body is UTF-8 in
 * quoted-printable, written in one pass over its bytes: mostly ASCII, it stays readable and smaller than base64. The
 * message handed to the transport is parsed from those bytes; Jakarta Mail writes an unmodified parsed message out
 * as the bytes it read, without choosing or encoding anything again.
 */
@Component
public class MailDelivery {

    static {
        // Jakarta Mail 2.1 finds its StreamProvider anew for every body part, multipart and encoded header, through
        // the ServiceLoader unless a system property names the class (jakartaee/mail-api#699, #861). In the Boot jar
        // that scan of every nested jar's META-INF/services costs about as much CPU as the rest of the email
        // (docs/benchmarks.md); with the property set the lookup is one class load. An explicit setting wins.
        System.getProperties().putIfAbsent(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }

    private static final String CRLF = "\r\n";
    private static final byte[] CRLF_BYTES = CRLF.getBytes(StandardCharsets.US_ASCII);
    /** Base64 in lines of 76 characters, as MIME wants it; base64 never holds the "=_" that starts a boundary. */
    private static final java.util.Base64.Encoder BASE64 = java.util.Base64.getMimeEncoder(76, CRLF_BYTES);

    /** RFC 5322 date-time, as Jakarta Mail writes it (without the comment naming the zone). */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ENGLISH);

    /**
     * The boundaries are fixed: a quoted-printable body never holds "=_" ({@link #quotedPrintable} escapes every
     * "="), and the part headers are written here.
     */
    private static final String ALTERNATIVE_BOUNDARY = "=_rushreg_alternative";
    private static final String MIXED_BOUNDARY = "=_rushreg_mixed";
    private static final String RELATED_BOUNDARY = "=_rushreg_related";
    private static final String TICKET_FILE_NAME = "ticket.png";

    private final JavaMailSenderImpl sender;
    private final SmtpConnections connections;
    /** The From header's value, the same for every email. */
    private final String from;
    /** The Reply-To header's value when the settings name one (else each email's organiser), or null. */
    private final String fixedReplyTo;

    /** @throws IllegalArgumentException when the configured From or Reply-To is not an email address */
    public MailDelivery(JavaMailSenderImpl sender, MailSettings settings, SmtpConnections connections) {
        this.sender = sender;
        this.connections = connections;
        try {
            this.from = address(settings.from(), null);
            this.fixedReplyTo = settings.replyTo() == null ? null : address(settings.replyTo(), null);
        } catch (AddressException e) {
            throw new IllegalArgumentException("notification.from and notification.reply-to must be email addresses: "
                    + e.getMessage(), e);
        }
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
        } catch (AddressException e) {
            return Delivery.refused("invalid address: " + e.getMessage());
        } catch (MessagingException e) {
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

    /**
     * The message as the transport sends it. It must not be changed or saved: {@code saveChanges()} would rebuild it
     * from its parts and give it a random Message-ID.
     *
     * @throws AddressException when the recipient's or the organiser's address cannot be written
     */
    public MimeMessage compose(DecisionEmail email) throws MessagingException {
        return compose(email, ZonedDateTime.now());
    }

    MimeMessage compose(DecisionEmail email, ZonedDateTime date) throws MessagingException {
        return new MimeMessage(sender.getSession(), new ByteArrayInputStream(bytes(email, date)));
    }

    /** The whole message, headers and body, as it goes to the server. */
    byte[] bytes(DecisionEmail email, ZonedDateTime date) throws AddressException {
        String replyTo = fixedReplyTo;
        if (replyTo == null) {
            String organiser = headerSafe(email.replyTo());
            replyTo = organiser == null || organiser.isEmpty() ? null : address(organiser, null);
        }
        String to = address(email.toAddress(), headerSafe(email.toName()));
        String subject = headerSafe(email.subject());
        byte[] text = quotedPrintable(email.text().getBytes(StandardCharsets.UTF_8));
        byte[] html = quotedPrintable(email.html().getBytes(StandardCharsets.UTF_8));
        List<byte[]> calendars = email.calendars().stream().map(c -> quotedPrintable(c.content())).toList();

        StringBuilder head = new StringBuilder(1024);
        header(head, "Date", DATE.format(date));
        header(head, "From", from);
        if (replyTo != null) {
            header(head, "Reply-To", replyTo);
        }
        header(head, "To", to);
        header(head, "Message-ID", messageId(email.decisionId()));
        header(head, "Subject", encoded(subject == null ? "" : subject));
        header(head, "MIME-Version", "1.0");
        header(head, "Auto-Submitted", "auto-generated");
        if (!calendars.isEmpty()) {
            header(head, "Content-Type", "multipart/mixed; boundary=\"" + MIXED_BOUNDARY + "\"");
            head.append(CRLF);
            boundary(head, MIXED_BOUNDARY);
        }
        header(head, "Content-Type", "multipart/alternative; boundary=\"" + ALTERNATIVE_BOUNDARY + "\"");
        head.append(CRLF);

        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + text.length + html.length
                + calendars.stream().mapToInt(c -> c.length + 256).sum()
                + (email.ticketImage() == null ? 0 : email.ticketImage().length * 4 / 3 + 512) + 1024);
        write(out, head);
        part(out, ALTERNATIVE_BOUNDARY, "text/plain; charset=UTF-8", null, text);
        if (email.ticketImage() == null) {
            part(out, ALTERNATIVE_BOUNDARY, "text/html; charset=UTF-8", null, html);
        } else {
            // The HTML and the image it shows travel together (RFC 2387), so mail programs show the QR code inline
            // instead of listing it as an attachment.
            StringBuilder related = new StringBuilder(160);
            boundary(related, ALTERNATIVE_BOUNDARY);
            header(related, "Content-Type", "multipart/related; type=\"text/html\"; boundary=\""
                    + RELATED_BOUNDARY + "\"");
            related.append(CRLF);
            write(out, related);
            part(out, RELATED_BOUNDARY, "text/html; charset=UTF-8", null, html);
            inlineImage(out, email);
            end(out, RELATED_BOUNDARY);
            out.writeBytes(CRLF_BYTES);
        }
        end(out, ALTERNATIVE_BOUNDARY);
        if (!calendars.isEmpty()) {
            out.writeBytes(CRLF_BYTES);
            for (int i = 0; i < calendars.size(); i++) {
                CalendarFile file = email.calendars().get(i);
                part(out, MIXED_BOUNDARY, file.contentType() + "; name=" + file.fileName(),
                        "attachment; filename=" + file.fileName(), calendars.get(i));
            }
            end(out, MIXED_BOUNDARY);
        }
        return out.toByteArray();
    }

    /** One body part in quoted-printable: its boundary line, its headers, the body and the line break after it. */
    private static void part(ByteArrayOutputStream out, String boundary, String contentType, String disposition,
                             byte[] body) {
        StringBuilder head = new StringBuilder(160);
        boundary(head, boundary);
        header(head, "Content-Type", contentType);
        header(head, "Content-Transfer-Encoding", "quoted-printable");
        if (disposition != null) {
            header(head, "Content-Disposition", disposition);
        }
        head.append(CRLF);
        write(out, head);
        out.writeBytes(body);
        out.writeBytes(CRLF_BYTES);
    }

    /** The ticket's QR code, in base64 (it is binary), named by the Content-ID the HTML refers to. */
    private static void inlineImage(ByteArrayOutputStream out, DecisionEmail email) {
        StringBuilder head = new StringBuilder(200);
        boundary(head, RELATED_BOUNDARY);
        header(head, "Content-Type", "image/png; name=" + TICKET_FILE_NAME);
        header(head, "Content-Transfer-Encoding", "base64");
        header(head, "Content-ID", "<" + DecisionEmail.ticketContentId(email.registrationId()) + ">");
        header(head, "Content-Disposition", "inline; filename=" + TICKET_FILE_NAME);
        head.append(CRLF);
        write(out, head);
        out.writeBytes(BASE64.encode(email.ticketImage()));
        out.writeBytes(CRLF_BYTES);
    }

    /** The closing boundary of a multipart. */
    private static void end(ByteArrayOutputStream out, String boundary) {
        write(out, new StringBuilder("--").append(boundary).append("--").append(CRLF));
    }

    /** The same decision always gets the same Message-ID, so a repeat (after a crash) is recognisable as one. */
    public static String messageId(String decisionId) {
        return "<" + (decisionId == null ? "unknown" : SafeText.idChars(decisionId)) + "@rushreg>";
    }

    /**
     * One mailbox as a header writes it, the name RFC 2047-encoded when it is not plain ASCII: {@code address} must be
     * one valid address (it may carry a name, used when {@code name} is null or empty).
     */
    private static String address(String address, String name) throws AddressException {
        if (address == null) {
            throw new AddressException("No address");
        }
        InternetAddress parsed = new InternetAddress(address, true);
        String mailbox = parsed.getAddress();
        for (int i = 0; i < mailbox.length(); i++) {
            // A quoted local part may hold anything, line breaks included; none of that may reach a header.
            if (Character.isISOControl(mailbox.charAt(i))) {
                throw new AddressException("Control character in the address", address);
            }
        }
        if (parsed.isGroup()) {
            throw new AddressException("A group, not one address", address);
        }
        String personal = name == null || name.isEmpty() ? headerSafe(parsed.getPersonal()) : name;
        if (personal == null || personal.isEmpty()) {
            return mailbox;
        }
        try {
            return new InternetAddress(mailbox, personal, StandardCharsets.UTF_8.name()).toString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /**
     * Text as quoted-printable (RFC 2045, 6.7), line breaks (LF or CRLF) written as CRLF. "=" is always escaped, so
     * the output never holds "=_", the start of every boundary.
     */
    static byte[] quotedPrintable(byte[] in) {
        // At most three bytes for each, plus a soft line break ("=" CRLF) per 24 bytes of input at worst.
        byte[] out = new byte[in.length * 4 + 16];
        int o = 0;
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            if (b == '\n' || b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                if (b == '\r') {
                    i++;
                }
                out[o++] = '\r';
                out[o++] = '\n';
                column = 0;
                continue;
            }
            boolean lastOfLine = i + 1 == in.length || in[i + 1] == '\n'
                    || in[i + 1] == '\r' && i + 2 < in.length && in[i + 2] == '\n';
            boolean literal = b >= 33 && b <= 126 && b != '='
                    || (b == ' ' || b == '\t') && !lastOfLine; // whitespace at a line's end may be dropped in transit
            int width = literal ? 1 : 3;
            // Lines stay within 76 characters; all but a line's last character leave room for a soft break's "=".
            if (column + width > (lastOfLine ? 76 : 75)) {
                out[o++] = '=';
                out[o++] = '\r';
                out[o++] = '\n';
                column = 0;
            }
            if (literal) {
                out[o++] = (byte) b;
            } else {
                out[o++] = '=';
                out[o++] = HEX[b >> 4];
                out[o++] = HEX[b & 0xf];
            }
            column += width;
        }
        return Arrays.copyOf(out, o);
    }

    /** Header text as RFC 2047 encoded words where it is not plain ASCII. */
    private static String encoded(String text) {
        try {
            return MimeUtility.encodeText(text, StandardCharsets.UTF_8.name(), null);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A header line, folded at whitespace to keep lines within 76 characters where it can. */
    private static void header(StringBuilder head, String name, String value) {
        head.append(name).append(": ").append(MimeUtility.fold(name.length() + 2, value)).append(CRLF);
    }

    private static void boundary(StringBuilder head, String boundary) {
        head.append("--").append(boundary).append(CRLF);
    }

    /** Header text is ASCII, apart from an address that is not (written as UTF-8, as SMTPUTF8 would send it). */
    private static void write(ByteArrayOutputStream out, StringBuilder text) {
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Line breaks and other control characters never reach a header: a name typed as {@code "Anna\r\nBcc: ..."}
     * must stay a name. (JavaMail treats CR and LF as plain ASCII and would not encode them away.)
     */
    static String headerSafe(String text) {
        return SafeText.oneLine(text);
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
