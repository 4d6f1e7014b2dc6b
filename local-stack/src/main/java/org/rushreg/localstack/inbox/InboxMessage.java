package org.rushreg.localstack.inbox;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * One received email as the inbox API shows it. The field names are the contract the acceptance checks read
 * ({@code /work/shared/acceptance/common.py}) and match Mailpit's meaning, so the checks hold for both.
 */
public record InboxMessage(String id, String from, List<String> to, String subject, String date,
                           String text, String html, List<Attachment> attachments, String receivedAt,
                           String messageId) {

    /**
     * What the delivery list shows of a message: who got it, when, and its {@code Message-ID} header (null if it had
     * none), without the bodies. A sender that repeats an email after a crash repeats its Message-ID (decision
     * 0010), so a count by Message-ID tells a repeated delivery from a second, different email.
     */
    public record Delivery(String id, List<String> to, String receivedAt, String messageId) {
    }

    public record Attachment(String filename, String contentType) {
    }

    /**
     * What the inbox keeps of every email in memory, read from its headers only: enough for the delivery list and
     * the list page. The bodies are parsed from the stored {@code .eml} file when an API call or page asks for
     * them, so that receiving thousands of emails in a load test does not parse every MIME tree on arrival.
     */
    public record Summary(String id, String from, List<String> to, String subject, String date, String receivedAt,
                          String messageId) {

        public Delivery delivery() {
            return new Delivery(id, to, receivedAt, messageId);
        }

        public boolean isFor(String address) {
            return to.stream().anyMatch(recipient -> recipient.equalsIgnoreCase(address.trim()));
        }
    }

    static Summary summaryOf(String id, MimeMessage message, Instant receivedAt) throws MessagingException {
        Address[] senders = message.getFrom();
        String from = senders == null || senders.length == 0 ? null : ((InternetAddress) senders[0]).toUnicodeString();
        List<String> to = new ArrayList<>();
        Address[] recipients = message.getRecipients(Message.RecipientType.TO);
        if (recipients != null) {
            for (Address recipient : recipients) {
                to.add(((InternetAddress) recipient).getAddress());
            }
        }
        Instant date = message.getSentDate() == null ? receivedAt : message.getSentDate().toInstant();
        return new Summary(id, from, List.copyOf(to), message.getSubject(), date.toString(), receivedAt.toString(),
                messageId(message));
    }

    /** The whole message: its summary and the bodies and attachments of {@code message}. */
    static InboxMessage of(Summary summary, MimeMessage message) throws MessagingException, IOException {
        Parts parts = new Parts();
        parts.collect(message);
        return new InboxMessage(summary.id(), summary.from(), summary.to(), summary.subject(), summary.date(),
                parts.text, parts.html, List.copyOf(parts.attachments), summary.receivedAt(), summary.messageId());
    }

    private static String messageId(MimeMessage message) throws MessagingException {
        String header = message.getHeader("Message-ID", null);
        return header == null || header.isBlank() ? null : header.trim();
    }

    /** Walks the MIME tree: the first plain and HTML bodies are the text, everything else is an attachment. */
    private static final class Parts {
        String text;
        String html;
        final List<Attachment> attachments = new ArrayList<>();

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i));
                }
                return;
            }
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
            if (!attached && part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else if (!attached && part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            } else {
                attachments.add(new Attachment(part.getFileName(), new ContentType(part.getContentType()).getBaseType()));
            }
        }
    }
}
