package org.rushreg.messages.tickets;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Reads a QR code back from an image the way a scanner would (ZXing's reader), for the tests of every module that
 * shows tickets (published in the messages test jar).
 */
public final class QrReading {

    private QrReading() {
    }

    /** The text of the QR code in a PNG (or any image ImageIO reads). */
    public static String textOf(byte[] image) {
        try {
            return textOf(ImageIO.read(new ByteArrayInputStream(image)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String textOf(BufferedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("not an image ImageIO can read");
        }
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        // As a scanning app would: ZXing's quick pass misses the finder patterns of about one perfect synthetic
        // image in a hundred, whatever the mask; trying harder, then reading it as a bare symbol, finds them all.
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, true)).getText();
        } catch (ReaderException first) {
            try {
                return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
            } catch (NotFoundException e) {
                throw new AssertionError("no QR code found in the image", e);
            } catch (ReaderException e) {
                throw new AssertionError("the QR code in the image cannot be read: " + e, e);
            }
        }
    }
}
