package org.rushreg.loadtest.baseline;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;

import org.rushreg.loadtest.Options;

/**
 * {@code ceiling}: the HTTP ceiling alone, no stack needed: the baseline server measured by the tool's Java clients
 * and then by wrk with the same body and connections, to show whether the ceiling the rush divides by is the
 * server's or the client's.
 */
public final class CeilingCommand {

    private CeilingCommand() {
    }

    public static Options options() {
        return new Options()
                .flag("registrants", "20000", "requests of the Java clients' run (as the rush's ceiling)")
                .flag("concurrency", "64", "clients, and wrk's connections")
                .flag("warmup", "2000", "requests sent first, unmeasured")
                .flag("wrk", "true", "also run wrk (apt-get install -y wrk) for as long as the Java clients took (at least 10 s)")
                .flag("wrk-script", "load-test/wrk/ceiling.lua", "wrk's script for the ceiling's POST")
                .flag("log", "load-test/target/ceiling-baseline-server.log", "the baseline server's log");
    }

    public static void run(String... args) throws Exception {
        Options o = options().parse(args);
        Path log = o.path("log");
        Files.createDirectories(log.toAbsolutePath().getParent());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // the ceiling never touches the database: the URL is only there because the server also hosts the lock peer
        try (BaselineProcess server = BaselineProcess.start(port, "jdbc:postgresql://localhost:5432/lockpeer", log)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Baselines.CeilingResult java = new Baselines(http, o.integer("concurrency"), 0.05, 0.02, null)
                    .ceiling(server.base(), o.integer("registrants"), o.integer("warmup"));
            if (o.bool("wrk")) {
                WrkCeiling.Result wrk = WrkCeiling.run(server.base(), o.path("wrk-script"), o.integer("concurrency"),
                        Math.max(10, (int) Math.ceil(java.intake().seconds())));
                System.out.println("  wrk against the same endpoint: " + wrk.summary());
                System.out.printf("  the Java clients got %.0f%% of wrk's rate%n",
                        100 * java.intake().acceptedPerSecond() / wrk.requestsPerSecond());
            }
        }
    }
}
