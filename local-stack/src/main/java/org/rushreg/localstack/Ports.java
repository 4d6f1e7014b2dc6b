package org.rushreg.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on this machine: whether one is free to listen on, and a free one for a test.
 *
 * <p>A port from the kernel's ephemeral range ({@code ServerSocket(0)}) is free when it is handed out, but any
 * outgoing connection (a Kafka client of an instance already running) may take it as its local port before the
 * service that was given it listens, tens of seconds later on a busy machine: once, registration-service-2 failed
 * with "port already in use" that way. Ports chosen below the ephemeral range are taken only by programs that listen.
 */
public final class Ports {

    /** Below the usual services' ports of a developer machine (8080, 9092, …) nothing is chosen. */
    private static final int LOWEST = 10_000;
    /** Linux's default start of the ephemeral range, used where the kernel does not say. */
    private static final int EPHEMERAL_START = 32_768;
    /** Room above a chosen port: the local stack derives instance ports from it (+10…+13, +100…+103, +200…+600). */
    private static final int HEADROOM = 1_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * Whether something could listen on the port now, on every address, as a service does: nothing listens there and
     * no connection holds it.
     */
    public static boolean isFree(int port) {
        if (port < 1 || port > 65_535) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free now, below the ephemeral range and never handed out before in this JVM. */
    public static int free() {
        int below = ephemeralStart() - HEADROOM;
        for (int tries = 0; tries < 1_000; tries++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + below);
    }

    private static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start - HEADROOM > LOWEST + 1_000 ? start : EPHEMERAL_START;
        } catch (IOException | RuntimeException e) {
            return EPHEMERAL_START;
        }
    }
}
