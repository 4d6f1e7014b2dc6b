package org.rushreg.registration;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.rushreg.messages.tickets.TicketQr;

/**
 * A video for Chromium's fake camera ({@code --use-file-for-fake-video-capture}): one frame in Y4M (YUV 4:2:0), a
 * ticket's QR code on white in the middle of a grey picture, as a phone sees a ticket held up to it. Chromium plays
 * the frame over and over.
 */
final class FakeCamera {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    private static final int PIXELS_PER_MODULE = 6;

    private FakeCamera() {
    }

    static byte[] frameShowing(TicketQr qr) {
        byte[] luma = new byte[WIDTH * HEIGHT];
        Arrays.fill(luma, (byte) 128);
        int side = qr.size() * PIXELS_PER_MODULE;
        if (side > HEIGHT) {
            throw new IllegalArgumentException("A QR code of " + qr.size() + " modules does not fit the frame");
        }
        int left = (WIDTH - side) / 2;
        int top = (HEIGHT - side) / 2;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean dark = qr.dark(x / PIXELS_PER_MODULE, y / PIXELS_PER_MODULE);
                luma[(top + y) * WIDTH + left + x] = (byte) (dark ? 16 : 235);
            }
        }
        byte[] chroma = new byte[WIDTH * HEIGHT / 4];
        Arrays.fill(chroma, (byte) 128);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F10:1 Ip A1:1 C420jpeg\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(luma);
        out.writeBytes(chroma);
        out.writeBytes(chroma);
        return out.toByteArray();
    }
}
