package org.rushreg.localstack.inbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browsable inbox: {@code /} lists the emails, {@code /messages/{id}} shows one, and
 * {@code /api/messages?to=ADDRESS} answers them as JSON for the acceptance checks and tests;
 * {@code /api/deliveries} lists only who got which email (by id and Message-ID) when, for load tests counting
 * thousands.
 * The JDK's own HTTP server is enough for a developer's inbox and keeps the jar free of a web framework.
 *
 * <p>It also carries the local stack's control surface for fault drills ({@code POST /control/...}, e.g. stop the
 * SMTP server): answered only to the loopback address and never to a browser page (a request with an
 * {@code Origin} header is refused), so a web page open in the developer's browser cannot pull the plug.
 */
public final class InboxHttpServer implements AutoCloseable {

    /** One control action; answers what it did. */
    @FunctionalInterface
    public interface Control {
        String run() throws Exception;
    }

    private final Inbox inbox;
    private final Map<String, Control> controls;
    private final HttpServer server;
    // The JDK server's dispatcher starts these threads with the system class loader as their context loader; in
    // the packaged jar that loader cannot see Kafka's classes, which a broker restart loads by name.
    private final ExecutorService threads = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "inbox-http");
        thread.setContextClassLoader(InboxHttpServer.class.getClassLoader());
        thread.setDaemon(true);
        return thread;
    });
    private final JsonMapper json = JsonMapper.builder().build();

    public InboxHttpServer(Inbox inbox, int port) throws IOException {
        this(inbox, port, Map.of());
    }

    /** @param controls path (e.g. {@code /control/smtp/stop}) to the action a POST to it runs */
    public InboxHttpServer(Inbox inbox, int port, Map<String, Control> controls) throws IOException {
        this.inbox = inbox;
        this.controls = Map.copyOf(controls);
        this.server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
    }

    public void start() {
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().startsWith("/control/")) {
                control(exchange);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "text/plain", "GET only");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/messages")) {
                String to = queryParameter(exchange, "to");
                send(exchange, 200, "application/json", json.writeValueAsString(inbox.newestFirst(to)));
            } else if (path.equals("/api/deliveries")) {
                String after = queryParameter(exchange, "after");
                send(exchange, 200, "application/json", json.writeValueAsString(
                        after == null || !after.matches("\\d{1,18}") ? inbox.deliveries() : inbox.deliveriesAfter(Long.parseLong(after))));
            } else if (path.equals("/")) {
                send(exchange, 200, "text/html; charset=utf-8", listPage(inbox.summariesNewestFirst(null)));
            } else if (path.startsWith("/messages/") && path.endsWith("/html")) {
                Optional<InboxMessage> message = inbox.find(path.substring("/messages/".length(), path.length() - "/html".length()));
                if (message.isEmpty() || message.get().html() == null) {
                    send(exchange, 404, "text/plain", "no such message");
                    return;
                }
                // The email's own HTML runs with no script and no same-origin rights, whatever it contains.
                exchange.getResponseHeaders().set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
                send(exchange, 200, "text/html; charset=utf-8", message.get().html());
            } else if (path.startsWith("/messages/")) {
                Optional<InboxMessage> message = inbox.find(path.substring("/messages/".length()));
                if (message.isEmpty()) {
                    send(exchange, 404, "text/plain", "no such message");
                    return;
                }
                send(exchange, 200, "text/html; charset=utf-8", messagePage(message.get()));
            } else {
                send(exchange, 404, "text/plain", "not found");
            }
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        Control control = controls.get(exchange.getRequestURI().getPath());
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()
                || exchange.getRequestHeaders().containsKey("Origin")) {
            send(exchange, 403, "text/plain", "the control surface answers only local programs, not browsers or other hosts");
        } else if (control == null) {
            send(exchange, 404, "text/plain", "no such control; there are: " + String.join(", ", controls.keySet().stream().sorted().toList()));
        } else if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, 405, "text/plain", "POST only");
        } else {
            try {
                send(exchange, 200, "text/plain", control.run());
            } catch (Exception e) {
                send(exchange, 500, "text/plain", "failed: " + e);
            }
        }
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String listPage(List<InboxMessage.Summary> messages) {
        StringBuilder rows = new StringBuilder();
        for (InboxMessage.Summary m : messages) {
            rows.append("<tr><td>").append(escape(m.date())).append("</td><td>")
                    .append(escape(String.join(", ", m.to()))).append("</td><td><a href=\"/messages/")
                    .append(escape(m.id())).append("\">").append(escape(m.subject())).append("</a></td></tr>\n");
        }
        return page("Inbox (" + messages.size() + ")", """
                <p>Every email the local SMTP server received, newest first. JSON: <a href="/api/messages">/api/messages</a>.</p>
                <table><thead><tr><th>Date</th><th>To</th><th>Subject</th></tr></thead><tbody>
                %s</tbody></table>""".formatted(rows));
    }

    private static String messagePage(InboxMessage m) {
        StringBuilder body = new StringBuilder("<p><a href=\"/\">&larr; inbox</a></p><dl>");
        body.append("<dt>From</dt><dd>").append(escape(m.from())).append("</dd>");
        body.append("<dt>To</dt><dd>").append(escape(String.join(", ", m.to()))).append("</dd>");
        body.append("<dt>Date</dt><dd>").append(escape(m.date())).append("</dd>");
        if (!m.attachments().isEmpty()) {
            body.append("<dt>Attachments</dt><dd>");
            for (InboxMessage.Attachment a : m.attachments()) {
                body.append(escape(a.filename())).append(" (").append(escape(a.contentType())).append(") ");
            }
            body.append("</dd>");
        }
        body.append("</dl>");
        if (m.html() != null) {
            body.append("<h2>HTML</h2><iframe sandbox src=\"/messages/").append(escape(m.id()))
                    .append("/html\" style=\"width:100%;height:32em;border:1px solid #ccc\"></iframe>");
        }
        if (m.text() != null) {
            body.append("<h2>Text</h2><pre>").append(escape(m.text())).append("</pre>");
        }
        return page(m.subject(), body.toString());
    }

    private static String page(String title, String body) {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}td,th{padding:.3em .8em;text-align:left;border-bottom:1px solid #eee}pre{white-space:pre-wrap;background:#f7f7f7;padding:1em}</style>
                </head><body><h1>%s</h1>%s</body></html>""".formatted(escape(title), escape(title), body);
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
