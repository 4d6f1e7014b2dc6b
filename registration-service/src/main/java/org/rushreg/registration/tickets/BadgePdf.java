package org.rushreg.registration.tickets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/**
 * Name badges, one page each (PDFBox): the event, the name large, the organisation, and the ticket's QR code with its
 * short code, so that the badge itself checks its wearer in. Every size is laid out from the page's width, so A7
 * is A6 scaled down.
 */
@Component
public class BadgePdf {

    /** The page sizes badges come in; holders for A6 are the common ones. */
    public enum Size {
        A5(PDRectangle.A5), A6(PDRectangle.A6), A7(new PDRectangle(74 * MM, 105 * MM));

        private final PDRectangle page;

        Size(PDRectangle page) {
            this.page = page;
        }

        /** The size named (any case); an unknown name says which ones there are. */
        public static Size named(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown badge size '" + name + "'; use one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")), e);
            }
        }
    }

    /** One person's badge. {@code organisation} may be empty. */
    public record Badge(String name, String organisation, String shortCode, String code) {
    }

    private static final float MM = 72 / 25.4f;

    public byte[] render(String eventName, List<Badge> badges, Size size) {
        try (PDDocument document = new PDDocument()) {
            PDType0Font regular = PdfDrawing.regular(document);
            PDType0Font bold = PdfDrawing.bold(document);
            document.getDocumentInformation().setTitle(eventName);
            for (Badge badge : badges) {
                PDPage page = new PDPage(size.page);
                document.addPage(page);
                draw(document, page, regular, bold, eventName, badge);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024 + badges.size() * 4 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the badges PDF", e);
        }
    }

    private static void draw(PDDocument document, PDPage page, PDType0Font regular, PDType0Font bold,
                             String eventName, Badge badge) throws IOException {
        float width = page.getMediaBox().getWidth();
        float height = page.getMediaBox().getHeight();
        float scale = width / PDRectangle.A6.getWidth();
        float margin = 10 * MM * scale;
        float qrSize = width * 0.5f;
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            PdfDrawing.Writer text = new PdfDrawing.Writer(content, margin, height - margin, width - 2 * margin);
            text.lines(regular, 9 * scale, List.of(eventName), 18 * scale);
            text.lines(bold, 22 * scale, List.of(badge.name()), 8 * scale);
            text.lines(regular, 12 * scale, PdfDrawing.nonNull(badge.organisation()), 0);

            float qrLeft = (width - qrSize) / 2;
            float qrBottom = margin + 18 * scale;
            PdfDrawing.qr(content, badge.code(), qrLeft, qrBottom, qrSize);
            float codeSize = 11 * scale;
            float codeWidth = regular.getStringWidth(badge.shortCode()) / 1000 * codeSize;
            content.beginText();
            content.setFont(regular, codeSize);
            content.newLineAtOffset((width - codeWidth) / 2, qrBottom - codeSize * 1.25f);
            content.showText(badge.shortCode());
            content.endText();
        }
    }
}
