package org.rushreg.localstack.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's mail server: it speaks SMTP on a loopback port, accepts every email for any address without
 * authentication, and hands each received message once, as the bytes that came after {@code DATA}, to the inbox.
 *
 * <p>It stands for the organisers' real mail server, so it only receives: no relaying, no authentication, no
 * pipelining, one thread per connection (the notification-service keeps a few connections open and sends one email
 * after another on each). It reads the message in blocks and undoes the dot-stuffing line by line; GreenMail, used
 * here before, reads a message byte by byte through synchronized streams and parsed every message twice, which was
 * a quarter of the local stack's CPU while the load test's emails arrived (decision 0037).
 *
 * <p>{@link #close()} also closes the open connections, so that stopping it through the control surface is an
 * outage the notification-service notices at once, as it would notice its mail server going away.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);

    /** Longer command lines are refused (RFC 5321 allows 512 octets; extensions add a little). */
    private static final int MAX_COMMAND_LINE = 4096;
    /** A larger message is refused with 552 and the connection closed; emails of this system are a few kilobytes. */
    static final int MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

    private final int port;
    private final Consumer<byte[]> receiver;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionNumber = new AtomicInteger();
    private ServerSocket listening;

    public SmtpServer(int port, Consumer<byte[]> receiver) {
        this.port = port;
        this.receiver = receiver;
    }

    /** Starts the server; a second call while it runs does nothing (a fault drill may start it twice). */
    public synchronized void start() {
        if (listening != null) {
            return;
        }
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listening = server;
            Thread accepting = new Thread(() -> accept(server), "smtp-accept-" + port);
            accepting.setDaemon(true);
            accepting.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen for SMTP on localhost:" + port + " (" + e.getMessage()
                    + "); choose another port with --smtp-port", e);
        }
        log.info("SMTP server listening on localhost:{}", port);
    }

    public synchronized boolean isRunning() {
        return listening != null;
    }

    /** Stops the server and drops its connections; it can be started again (the control surface's SMTP outage). */
    @Override
    public synchronized void close() {
        if (listening == null) {
            return;
        }
        quietlyClose(listening);
        listening = null;
        connections.forEach(SmtpServer::quietlyClose);
        connections.clear();
        log.info("SMTP server on localhost:{} stopped", port);
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.add(client);
                Thread handler = new Thread(() -> serve(client), "smtp-" + connectionNumber.incrementAndGet());
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("SMTP server on localhost:{}: accepting a connection failed: {}", port, e.toString());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            new Conversation(client.getInputStream(), client.getOutputStream()).run();
        } catch (SocketException e) {
            // the client went away, or close() dropped the connection
        } catch (IOException | RuntimeException e) {
            log.warn("SMTP connection on localhost:{} ended: {}", port, e.toString());
        } finally {
            connections.remove(client);
        }
    }

    private static void quietlyClose(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    /** One client's session: commands, answers, and the messages it sends. */
    private final class Conversation {

        private final Input in;
        private final OutputStream out;
        private boolean sender;
        private boolean recipient;

        Conversation(InputStream in, OutputStream out) {
            this.in = new Input(in);
            this.out = out;
        }

        void run() throws IOException {
            reply("220 localhost ESMTP rushreg local inbox");
            while (true) {
                String line = in.commandLine();
                if (line == null) {
                    return;
                }
                String verb = (line.length() < 4 ? line : line.substring(0, 4)).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply("250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE " + MAX_MESSAGE_BYTES);
                    case "HELO" -> reply("250 localhost");
                    case "MAIL" -> {
                        sender = true;
                        recipient = false;
                        reply("250 OK");
                    }
                    case "RCPT" -> {
                        if (!sender) {
                            reply("503 MAIL first");
                        } else {
                            recipient = true;
                            reply("250 OK");
                        }
                    }
                    case "DATA" -> data();
                    case "RSET" -> {
                        sender = false;
                        recipient = false;
                        reply("250 OK");
                    }
                    case "NOOP" -> reply("250 OK");
                    case "VRFY" -> reply("252 Cannot verify, send the email");
                    case "QUIT" -> {
                        reply("221 Bye");
                        return;
                    }
                    default -> reply("502 Command not implemented");
                }
            }
        }

        private void data() throws IOException {
            if (!recipient) {
                reply(sender ? "554 No valid recipients" : "503 MAIL first");
                return;
            }
            reply("354 End data with <CR><LF>.<CR><LF>");
            byte[] message = in.message();
            sender = false;
            recipient = false;
            if (message == null) {
                reply("552 Message larger than " + MAX_MESSAGE_BYTES + " bytes");
                throw new IOException("message over " + MAX_MESSAGE_BYTES + " bytes");
            }
            try {
                receiver.accept(message);
            } catch (RuntimeException e) {
                log.warn("SMTP server on localhost:{}: could not keep a received email: {}", port, e.toString());
                reply("451 Could not store the email, try again later");
                return;
            }
            reply("250 OK");
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** The client's bytes, read in blocks and split into lines here (no per-byte calls on a synchronized stream). */
    private static final class Input {

        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        /** The next command line without its line break, or null when the client closed the connection. */
        String commandLine() throws IOException {
            int start = position;
            StringBuilder line = new StringBuilder();
            while (true) {
                if (position == limit) {
                    line.append(new String(buffer, start, position - start, StandardCharsets.UTF_8));
                    if (!fill()) {
                        return null;
                    }
                    start = position;
                }
                if (buffer[position++] == '\n') {
                    line.append(new String(buffer, start, position - start, StandardCharsets.UTF_8));
                    return line.toString().strip();
                }
                if (position - start + line.length() > MAX_COMMAND_LINE) {
                    throw new IOException("command line over " + MAX_COMMAND_LINE + " characters");
                }
            }
        }

        /**
         * The message up to the line holding only ".", without that line and with the leading dot of every other
         * line that starts with one removed (RFC 5321, 4.5.2); null when it grows over the limit.
         */
        byte[] message() throws IOException {
            byte[] message = new byte[16 * 1024];
            int length = 0;
            boolean lineStart = true;
            while (true) {
                if (position == limit && !fill()) {
                    throw new IOException("connection closed within DATA");
                }
                if (lineStart) {
                    if (buffer[position] == '.') {
                        position++;
                        if (isEndOfData()) {
                            return Arrays.copyOf(message, length);
                        }
                    }
                    lineStart = false;
                    continue;
                }
                // copy up to and including the next LF of the block in one go
                int end = position;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                boolean lineEnds = end < limit;
                int count = (lineEnds ? end + 1 : end) - position;
                if (length + count > MAX_MESSAGE_BYTES) {
                    return null;
                }
                if (length + count > message.length) {
                    message = Arrays.copyOf(message, Math.max(message.length * 2, length + count));
                }
                System.arraycopy(buffer, position, message, length, count);
                length += count;
                position += count;
                lineStart = lineEnds;
            }
        }

        /** After a line's leading dot: true (and the line break consumed) when nothing but CRLF follows it. */
        private boolean isEndOfData() throws IOException {
            if (position == limit && !fill()) {
                throw new IOException("connection closed within DATA");
            }
            if (buffer[position] == '\n') {
                position++;
                return true;
            }
            if (buffer[position] != '\r') {
                return false;
            }
            if (position + 1 == limit) {
                // keep the CR and read on, so that CR and LF are looked at together
                buffer[0] = '\r';
                position = 0;
                limit = 1;
                int read = in.read(buffer, 1, buffer.length - 1);
                if (read < 0) {
                    throw new IOException("connection closed within DATA");
                }
                limit += read;
            }
            if (buffer[position + 1] == '\n') {
                position += 2;
                return true;
            }
            return false;
        }

        private boolean fill() throws IOException {
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                return false;
            }
            position = 0;
            limit = read;
            return true;
        }
    }
}
