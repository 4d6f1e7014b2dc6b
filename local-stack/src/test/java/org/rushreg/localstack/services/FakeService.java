package org.rushreg.localstack.services;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service jar: answers UP on MANAGEMENT_PORT (health is on the operators' port, as in the services),
 * and dies when the file named by DIE_WHEN appears.
 */
public final class FakeService {

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", Integer.parseInt(System.getenv("MANAGEMENT_PORT"))), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fake service up, greeting " + System.getenv("GREETING"));
        Path dieWhen = Path.of(System.getenv("DIE_WHEN"));
        while (true) {
            if (Files.deleteIfExists(dieWhen)) {
                System.out.println("fake service crashing on purpose");
                Runtime.getRuntime().halt(3);
            }
            Thread.sleep(100);
        }
    }

    private FakeService() {
    }
}
