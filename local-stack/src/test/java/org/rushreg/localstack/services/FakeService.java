package org.rushreg.localstack.services;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service jar: listens on SERVER_PORT and answers UP on MANAGEMENT_PORT (health is on the operators'
 * port, as in the services), and dies when the file named by DIE_WHEN appears. With LISTEN_WHEN it listens only once
 * that file appears, as a real service listens only at the end of its start-up; a port taken by then ends it with
 * status 1, as Spring Boot ends on "Port … was already in use".
 */
public final class FakeService {

    public static void main(String[] args) throws Exception {
        String listenWhen = System.getenv("LISTEN_WHEN");
        if (listenWhen != null) {
            System.out.println("fake service starting, listening when " + listenWhen + " appears");
            while (!Files.exists(Path.of(listenWhen))) {
                Thread.sleep(50);
            }
        }
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        int managementPort = Integer.parseInt(System.getenv("MANAGEMENT_PORT"));
        HttpServer server;
        HttpServer management;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
            management = HttpServer.create(new InetSocketAddress(managementPort), 0);
        } catch (IOException e) {
            System.out.println("fake service failed to start: port " + port + " or " + managementPort
                    + " was already in use (" + e + ")");
            System.exit(1);
            return;
        }
        management.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        management.start();
        System.out.println("fake service up, greeting " + System.getenv("GREETING"));
        String dieWhen = System.getenv("DIE_WHEN");
        while (true) {
            if (dieWhen != null && Files.deleteIfExists(Path.of(dieWhen))) {
                System.out.println("fake service crashing on purpose");
                Runtime.getRuntime().halt(3);
            }
            Thread.sleep(100);
        }
    }

    /** Writes a jar whose manifest runs this class from this module's test classes. */
    public static Path writeJar(Path jar) throws Exception {
        Path classes = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is all it needs
        }
        return jar;
    }

    private FakeService() {
    }
}
