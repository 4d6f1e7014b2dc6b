package org.rushreg.loadtest.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

import org.rushreg.loadtest.stats.Timeline;

/**
 * The run over time as a PNG, drawn with Java2D so that no plotting tool is needed: above, requests accepted,
 * decisions and emails per second; below, the HTTP latency p50 and p99 of each second.
 */
public final class RushChart {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 700;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final Color ACCEPTED = new Color(0x1f77b4);
    private static final Color DECIDED = new Color(0x2ca02c);
    private static final Color EMAILED = new Color(0xff7f0e);
    private static final Color P50 = new Color(0x9467bd);
    private static final Color P99 = new Color(0xd62728);

    private RushChart() {
    }

    public static void write(String title, List<Timeline.Second> seconds, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);

        int panel = (HEIGHT - 60 - 3 * 50) / 2;
        int top1 = 60;
        int top2 = top1 + panel + 70;
        int x = Math.max(1, seconds.size());
        panel(g, "per second", top1, panel, x, seconds,
                new Series("requests accepted", ACCEPTED, s -> s.accepted()),
                new Series("decisions (event counters)", DECIDED, s -> s.decisions()),
                new Series("emails received", EMAILED, s -> s.emails()));
        panel(g, "HTTP latency, ms", top2, panel, x, seconds,
                new Series("p50", P50, s -> s.answered() == 0 ? Double.NaN : s.p50Millis()),
                new Series("p99", P99, s -> s.answered() == 0 ? Double.NaN : s.p99Millis()));
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("seconds since the first request", WIDTH / 2 - 90, HEIGHT - 12);
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    private record Series(String name, Color color, ToDoubleFunction<Timeline.Second> value) {
    }

    private static void panel(Graphics2D g, String label, int top, int height, int seconds,
                              List<Timeline.Second> data, Series... series) {
        int width = WIDTH - LEFT - RIGHT;
        double max = 1;
        for (Series s : series) {
            for (Timeline.Second second : data) {
                double v = s.value.applyAsDouble(second);
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        max = niceCeiling(max);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // grid and y labels
        for (int i = 0; i <= 4; i++) {
            int y = top + height - i * height / 4;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, LEFT + width, y);
            g.setColor(Color.DARK_GRAY);
            String text = String.format("%,.0f", max * i / 4);
            g.drawString(text, LEFT - 8 - g.getFontMetrics().stringWidth(text), y + 4);
        }
        // x ticks
        int step = Math.max(1, niceStep(seconds / 10.0));
        for (int s = 0; s <= seconds; s += step) {
            int px = LEFT + (int) ((double) s / seconds * width);
            g.setColor(new Color(0xf0f0f0));
            g.drawLine(px, top, px, top + height);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.valueOf(s), px - 4, top + height + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, top, width, height);
        g.drawString(label, LEFT, top - 8);
        // legend
        int lx = LEFT + 160;
        for (Series s : series) {
            g.setColor(s.color);
            g.fillRect(lx, top - 18, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.name, lx + 18, top - 8);
            lx += 30 + g.getFontMetrics().stringWidth(s.name);
        }
        g.setStroke(new BasicStroke(2f));
        for (Series s : series) {
            g.setColor(s.color);
            int lastX = -1;
            int lastY = -1;
            for (Timeline.Second second : data) {
                double v = s.value.applyAsDouble(second);
                if (Double.isNaN(v)) {
                    lastX = -1;
                    continue;
                }
                int px = LEFT + (int) ((second.second() + 0.5) / seconds * width);
                int py = top + height - (int) (Math.min(v, max) / max * height);
                if (lastX >= 0) {
                    g.drawLine(lastX, lastY, px, py);
                } else {
                    g.fillOval(px - 2, py - 2, 4, 4);
                }
                lastX = px;
                lastY = py;
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        // multiples that split into four readable steps
        for (double m : new double[]{1, 2, 4, 6, 8, 10}) {
            if (m * magnitude >= value) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static int niceStep(double raw) {
        for (int s : new int[]{1, 2, 5, 10, 15, 30, 60, 120, 300, 600}) {
            if (s >= raw) {
                return s;
            }
        }
        return 1200;
    }
}
