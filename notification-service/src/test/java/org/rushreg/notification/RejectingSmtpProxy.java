package org.rushreg.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits in front of GreenMail and answers {@code RCPT TO} for addresses starting with {@value #REJECTED_PREFIX} with
 * "550 mailbox unavailable", as a real server refuses an unknown mailbox. GreenMail 2.1 cannot: it accepts every
 * recipient (its SmtpManager.checkRecipient always passes) and a failing delivery handler answers 451, a transient
 * error. Everything else is passed through line by line; while GreenMail is down, connections are closed at once.
 */
public final class RejectingSmtpProxy implements AutoCloseable {

    public static final String REJECTED_PREFIX = "nobody";

    private final ServerSocket listener;
    private final int backendPort;
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cutOff;

    public RejectingSmtpProxy(int backendPort) throws IOException {
        this.backendPort = backendPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** SMTP connections accepted so far (SMTP sessions the sender opened). */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                if (cutOff) {
                    client.close();
                    continue;
                }
                daemon(() -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            open.add(client);
            open.add(server);
            OutputStream toClient = client.getOutputStream();
            OutputStream toServer = server.getOutputStream();
            daemon(() -> {
                try {
                    server.getInputStream().transferTo(toClient);
                } catch (IOException ignored) {
                    // either side closed
                }
                // The server hung up (GreenMail stopped): so does the client's connection, as a real server's would.
                try {
                    client.close();
                } catch (IOException ignored) {
                    // already closed
                }
            });
            BufferedReader fromClient = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            boolean inData = false;
            String line;
            while ((line = fromClient.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (!inData && upper.startsWith("RCPT TO:") && upper.contains("<" + REJECTED_PREFIX.toUpperCase(Locale.ROOT))) {
                    synchronized (toClient) {
                        toClient.write("550 5.1.1 Requested action not taken: mailbox unavailable\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                        toClient.flush();
                    }
                    continue;
                }
                if (!inData && upper.equals("DATA")) {
                    inData = true;
                } else if (inData && line.equals(".")) {
                    inData = false;
                }
                toServer.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                toServer.flush();
            }
        } catch (IOException e) {
            // GreenMail down or the client went away: the client sees a closed connection, a transient failure
        } finally {
            open.remove(client);
        }
    }

    /** Cuts every open connection wherever its conversation is, and closes new ones at once, until restored. */
    public void cutOff() {
        cutOff = true;
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    public void restore() {
        cutOff = false;
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "smtp-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
