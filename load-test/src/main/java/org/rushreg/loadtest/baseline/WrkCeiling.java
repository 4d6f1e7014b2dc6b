package org.rushreg.loadtest.baseline;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP ceiling measured by wrk instead of the tool's Java clients, with the same body and connections: if wrk
 * gets much more out of the same endpoint, the ceiling the report divides by is the client's, not the server's.
 */
public final class WrkCeiling {

    /**
     * What wrk printed: requests per second, its latency distribution (percent → milliseconds) and the answers
     * that were not 2xx/3xx (wrk counts them in its rate, so they are reported beside it), and its socket errors
     * (connect, read, write, timeout: a request without an answer in wrk's 2 s).
     */
    public record Result(double requestsPerSecond, Map<Integer, Double> latencyMillis, long non2xx, long socketErrors,
                         String output) {

        public String summary() {
            return String.format("%,.0f requests/s, latency p50 %s, p99 %s%s%s", requestsPerSecond,
                    ms(latencyMillis.get(50)), ms(latencyMillis.get(99)), non2xx == 0 ? "" : ", " + non2xx + " non-2xx answers",
                    socketErrors == 0 ? "" : ", " + socketErrors + " socket errors or timeouts");
        }

        private static String ms(Double millis) {
            return millis == null ? "–" : String.format("%.1f ms", millis);
        }
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|75|90|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    private WrkCeiling() {
    }

    /** Runs {@code wrk -t2 -c<connections> -d<seconds>s --latency -s <script> <server>/ceiling/...}. */
    public static Result run(URI server, Path script, int connections, int seconds) throws IOException, InterruptedException {
        if (!Files.exists(script)) {
            throw new IOException("no wrk script " + script.toAbsolutePath() + " (run from the repository root, or pass --wrk-script)");
        }
        Process wrk;
        try {
            wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
                    script.toString(), server.resolve("/ceiling/events/ceiling/registrations").toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("wrk is not installed (apt-get install -y wrk)", e);
        }
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IOException("wrk failed:\n" + out);
        }
        return parse(out);
    }

    static Result parse(String out) {
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalArgumentException("no Requests/sec in wrk's output:\n" + out);
        }
        Map<Integer, Double> latency = new LinkedHashMap<>();
        Matcher p = PERCENTILE.matcher(out);
        while (p.find()) {
            double value = Double.parseDouble(p.group(2));
            double millis = switch (p.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
            latency.put(Integer.parseInt(p.group(1)), millis);
        }
        Matcher non2xx = NON_2XX.matcher(out);
        Matcher socket = SOCKET_ERRORS.matcher(out);
        long socketErrors = 0;
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                socketErrors += Long.parseLong(socket.group(i));
            }
        }
        return new Result(Double.parseDouble(rate.group(1)), latency, non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                socketErrors, out);
    }
}
