package org.rushreg.registration.tickets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

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
            PDType0Font regular = PdfDrawing.regular(document);
            PDType0Font bold = PdfDrawing.bold(document);
            document.getDocumentInformation().setTitle(sheet.heading() + " — " + sheet.eventName());
            document.getDocumentCatalog().setLanguage(sheet.language());

            float width = page.getMediaBox().getWidth();
            float top = page.getMediaBox().getHeight() - MARGIN;
            float textWidth = width - 2 * MARGIN - QR_SIZE - GAP;
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                PdfDrawing.Writer text = new PdfDrawing.Writer(content, MARGIN, top, textWidth);
                text.lines(regular, 11, List.of(sheet.heading().toUpperCase(java.util.Locale.ROOT)), 4);
                text.lines(bold, 18, List.of(sheet.eventName()), 6);
                text.lines(regular, 11, PdfDrawing.nonNull(sheet.when(), sheet.venue()), 14);
                text.lines(regular, 10, List.of(sheet.attendeeLabel()), 2);
                text.lines(bold, 16, List.of(sheet.attendee()), 14);
                if (!sheet.sessions().isEmpty()) {
                    text.lines(regular, 10, List.of(sheet.sessionsLabel()), 2);
                    text.lines(regular, 11, sheet.sessions().stream().map(s -> "• " + s).toList(), 14);
                }

                float qrLeft = width - MARGIN - QR_SIZE;
                PdfDrawing.qr(content, sheet.code(), qrLeft, top - QR_SIZE, QR_SIZE);
                PdfDrawing.Writer code = new PdfDrawing.Writer(content, qrLeft, top - QR_SIZE - 8, QR_SIZE);
                code.lines(regular, 9, List.of(sheet.codeLabel()), 2);
                code.lines(bold, 15, List.of(sheet.shortCode()), 0);

                float bottom = Math.min(text.y, top - QR_SIZE - 60) - 10;
                content.setLineWidth(0.5f);
                content.moveTo(MARGIN, bottom);
                content.lineTo(width - MARGIN, bottom);
                content.stroke();
                new PdfDrawing.Writer(content, MARGIN, bottom - 16, width - 2 * MARGIN).lines(regular, 9, List.of(sheet.note()), 0);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ticket PDF", e);
        }
    }
}
