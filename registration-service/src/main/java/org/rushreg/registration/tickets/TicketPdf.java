package org.rushreg.registration.tickets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.rushreg.messages.tickets.TicketQr;

/**
 * The printable ticket: an A4 page with the event, the attendee, the sessions, the QR code and the short code
 * (PDFBox). The QR code is drawn as vector squares, so it prints sharp at any size. Every text comes in
 * ready, in the attendee's language ({@link Sheet}); this class only lays it out.
 *
 * <p>The font is DejaVu Sans, embedded (subset): the standard PDF fonts have no Polish letters, and names may be in
 * any Latin, Greek or Cyrillic script. A character DejaVu Sans lacks is printed as "?" rather than failing the
 * ticket.
 */
@org.springframework.stereotype.Component
public class TicketPdf {

    /** Everything the ticket says. {@code sessions} are the confirmed ones, each a line (title and time). */
    public record Sheet(String language, String heading, String eventName, String when, String venue,
                        String attendeeLabel, String attendee, String sessionsLabel, List<String> sessions,
                        String codeLabel, String shortCode, String code, String note) {
    }

    private static final float MARGIN = 56;
    /** The QR code about 60 mm across: a phone or a hand scanner reads it from a printout at once. */
    private static final float QR_SIZE = 170;
    private static final float GAP = 24;

    public byte[] render(Sheet sheet) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType0Font regular = font(document, "fonts/DejaVuSans.ttf");
            PDType0Font bold = font(document, "fonts/DejaVuSans-Bold.ttf");
            document.getDocumentInformation().setTitle(sheet.heading() + " — " + sheet.eventName());
            document.getDocumentCatalog().setLanguage(sheet.language());

            float width = page.getMediaBox().getWidth();
            float top = page.getMediaBox().getHeight() - MARGIN;
            float textWidth = width - 2 * MARGIN - QR_SIZE - GAP;
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                Writer text = new Writer(content, MARGIN, top, textWidth);
                text.lines(regular, 11, List.of(sheet.heading().toUpperCase(java.util.Locale.ROOT)), 4);
                text.lines(bold, 18, List.of(sheet.eventName()), 6);
                text.lines(regular, 11, nonNull(sheet.when(), sheet.venue()), 14);
                text.lines(regular, 10, List.of(sheet.attendeeLabel()), 2);
                text.lines(bold, 16, List.of(sheet.attendee()), 14);
                if (!sheet.sessions().isEmpty()) {
                    text.lines(regular, 10, List.of(sheet.sessionsLabel()), 2);
                    text.lines(regular, 11, sheet.sessions().stream().map(s -> "• " + s).toList(), 14);
                }

                float qrLeft = width - MARGIN - QR_SIZE;
                qr(content, sheet.code(), qrLeft, top - QR_SIZE);
                Writer code = new Writer(content, qrLeft, top - QR_SIZE - 8, QR_SIZE);
                code.lines(regular, 9, List.of(sheet.codeLabel()), 2);
                code.lines(bold, 15, List.of(sheet.shortCode()), 0);

                float bottom = Math.min(text.y, top - QR_SIZE - 60) - 10;
                content.setLineWidth(0.5f);
                content.moveTo(MARGIN, bottom);
                content.lineTo(width - MARGIN, bottom);
                content.stroke();
                new Writer(content, MARGIN, bottom - 16, width - 2 * MARGIN).lines(regular, 9, List.of(sheet.note()), 0);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ticket PDF", e);
        }
    }

    /** The QR code's dark modules as filled squares, quiet zone included in {@link #QR_SIZE}. */
    private static void qr(PDPageContentStream content, String code, float left, float bottom) throws IOException {
        TicketQr qr = TicketQr.of(code);
        float module = QR_SIZE / qr.size();
        for (int y = 0; y < qr.size(); y++) {
            for (int x = 0; x < qr.size(); x++) {
                if (qr.dark(x, y)) {
                    // a hair wider than the module, so that neighbours leave no white seam in any renderer
                    content.addRect(left + x * module, bottom + QR_SIZE - (y + 1) * module, module + 0.05f,
                            module + 0.05f);
                }
            }
        }
        content.fill();
    }

    private static PDType0Font font(PDDocument document, String resource) throws IOException {
        try (InputStream in = TicketPdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The font " + resource + " is missing from the jar");
            }
            return PDType0Font.load(document, in);
        }
    }

    private static List<String> nonNull(String... texts) {
        List<String> out = new ArrayList<>();
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                out.add(text);
            }
        }
        return out;
    }

    /** Writes lines downwards from a point, wrapping each at a width. */
    private static final class Writer {

        private final PDPageContentStream content;
        private final float x;
        private final float width;
        private float y;

        Writer(PDPageContentStream content, float x, float y, float width) {
            this.content = content;
            this.x = x;
            this.y = y;
            this.width = width;
        }

        /** Each text wrapped to the width, then {@code after} points of space. */
        void lines(PDType0Font font, float size, List<String> texts, float after) throws IOException {
            for (String text : texts) {
                for (String line : wrap(font, size, printable(font, text))) {
                    y -= size * 1.25f;
                    content.beginText();
                    content.setFont(font, size);
                    content.newLineAtOffset(x, y);
                    content.showText(line);
                    content.endText();
                }
            }
            y -= after;
        }

        private List<String> wrap(PDType0Font font, float size, String text) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            lines.add(line.toString());
            return lines;
        }

        /** The text with line breaks as spaces and every character the font cannot draw as "?". */
        private static String printable(PDType0Font font, String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.replaceAll("\\p{Cntrl}+", " ").codePoints().forEach(c -> {
                String character = new String(Character.toChars(c));
                try {
                    font.encode(character);
                    out.append(character);
                } catch (IllegalArgumentException | IOException e) {
                    out.append('?');
                }
            });
            return out.toString();
        }
    }
}
