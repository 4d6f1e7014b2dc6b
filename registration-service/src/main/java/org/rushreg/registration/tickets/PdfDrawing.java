package org.rushreg.registration.tickets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.rushreg.messages.tickets.TicketQr;

/**
 * What the printed ticket and the badges draw alike: the embedded DejaVu Sans (the standard PDF fonts have no Polish
 * letters; a character it lacks is printed as "?" rather than failing the page), wrapped lines, and the QR code as
 * vector squares, which print sharp at any size.
 */
final class PdfDrawing {

    private PdfDrawing() {
    }

    /** The QR code's dark modules as filled squares, {@code size} points across with its quiet zone. */
    static void qr(PDPageContentStream content, String code, float left, float bottom, float size) throws IOException {
        TicketQr qr = TicketQr.of(code);
        float module = size / qr.size();
        for (int y = 0; y < qr.size(); y++) {
            for (int x = 0; x < qr.size(); x++) {
                if (qr.dark(x, y)) {
                    // a hair wider than the module, so that neighbours leave no white seam in any renderer
                    content.addRect(left + x * module, bottom + size - (y + 1) * module, module + 0.05f,
                            module + 0.05f);
                }
            }
        }
        content.fill();
    }

    static PDType0Font regular(PDDocument document) throws IOException {
        return font(document, "fonts/DejaVuSans.ttf");
    }

    static PDType0Font bold(PDDocument document) throws IOException {
        return font(document, "fonts/DejaVuSans-Bold.ttf");
    }

    private static PDType0Font font(PDDocument document, String resource) throws IOException {
        try (InputStream in = PdfDrawing.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The font " + resource + " is missing from the jar");
            }
            return PDType0Font.load(document, in);
        }
    }

    static List<String> nonNull(String... texts) {
        List<String> out = new ArrayList<>();
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                out.add(text);
            }
        }
        return out;
    }

    /** Writes lines downwards from a point, wrapping each at a width. */
    static final class Writer {

        private final PDPageContentStream content;
        private final float x;
        private final float width;
        float y;

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
