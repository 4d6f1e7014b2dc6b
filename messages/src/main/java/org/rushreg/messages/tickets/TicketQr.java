package org.rushreg.messages.tickets;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A ticket code as a QR code (ZXing), with the quiet zone of four modules around it: as a PNG for emails and web
 * pages, and module by module for a PDF to draw as vectors.
 *
 * <p>The PNG is written here, one bit per pixel, rather than through {@code BufferedImage} and ImageIO: that would
 * load AWT into every service that sends an email and costs several times the CPU for an image of two colours.
 * Error correction M (15% of the symbol may be lost): a printed ticket survives a fold, a phone screen a crack.
 *
 * <p>The mask pattern is fixed ({@link #MASK}) instead of chosen by ZXing's penalty score: trying all eight was 0.7
 * of the 0.75 ms that a QR code cost per confirmation email, and in a test of 300 ticket codes, shrunk to 2.4
 * pixels a module, turned and made noisy, ZXing's reader read as many with a fixed mask (170 to 213 by mask) as with
 * the chosen one (193): every reader decodes every mask (docs/decisions/0021).
 */
public final class TicketQr {

    /** The white border a reader needs around the symbol, in modules (ISO/IEC 18004). */
    public static final int QUIET_ZONE = 4;

    /** Mask 3 read best in that test; any other would do. */
    static final int MASK = 3;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final ByteMatrix matrix;

    private TicketQr(ByteMatrix matrix) {
        this.matrix = matrix;
    }

    /** @throws IllegalArgumentException when the text is too long for a QR code (never a ticket code) */
    public static TicketQr of(String text) {
        try {
            return new TicketQr(Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(
                    EncodeHintType.CHARACTER_SET, StandardCharsets.ISO_8859_1.name(),
                    EncodeHintType.QR_MASK_PATTERN, MASK)).getMatrix());
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot make a QR code of this text: " + e.getMessage(), e);
        }
    }

    /** Modules across (and down), the quiet zone included. */
    public int size() {
        return matrix.getWidth() + 2 * QUIET_ZONE;
    }

    /** True for a dark module; {@code x} and {@code y} count from the outer corner of the quiet zone. */
    public boolean dark(int x, int y) {
        int mx = x - QUIET_ZONE;
        int my = y - QUIET_ZONE;
        return mx >= 0 && my >= 0 && mx < matrix.getWidth() && my < matrix.getHeight() && matrix.get(mx, my) == 1;
    }

    /** A black-and-white PNG, {@code scale} pixels per module: {@code size() * scale} pixels square. */
    public byte[] png(int scale) {
        int pixels = size() * scale;
        int rowBytes = (pixels + 7) / 8;
        byte[] raw = new byte[(rowBytes + 1) * pixels];
        for (int y = 0; y < size(); y++) {
            int first = y * scale * (rowBytes + 1);
            // filter byte 0 (none), then the row; 1 = white in a one-bit greyscale PNG
            int px = 0;
            for (int x = 0; x < size(); x++) {
                boolean white = !dark(x, y);
                for (int end = px + scale; px < end; px++) {
                    if (white) {
                        raw[first + 1 + (px >>> 3)] |= (byte) (0x80 >>> (px & 7));
                    }
                }
            }
            // the module's other pixel rows repeat it: filter 2 ("up") with all-zero differences
            for (int r = 1; r < scale; r++) {
                raw[first + r * (rowBytes + 1)] = 2;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        out.writeBytes(PNG_SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, pixels);
        putInt(header, 4, pixels);
        header[8] = 1; // bit depth
        header[9] = 0; // greyscale; compression, filter and interlace methods stay 0
        chunk(out, "IHDR", header, header.length);
        // the default level: as small as the best (about 600 bytes) at half its CPU
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] compressed = new byte[raw.length + 64];
            int length = 0;
            while (!deflater.finished()) {
                if (length == compressed.length) {
                    compressed = java.util.Arrays.copyOf(compressed, compressed.length * 2);
                }
                length += deflater.deflate(compressed, length, compressed.length - length);
            }
            chunk(out, "IDAT", compressed, length);
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] head = new byte[8];
        putInt(head, 0, length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(typeBytes, 0, head, 4, 4);
        out.writeBytes(head);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.writeBytes(tail);
    }

    private static void putInt(byte[] target, int at, int value) {
        target[at] = (byte) (value >>> 24);
        target[at + 1] = (byte) (value >>> 16);
        target[at + 2] = (byte) (value >>> 8);
        target[at + 3] = (byte) value;
    }
}
