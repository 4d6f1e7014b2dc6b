package org.rushreg.localstack.mail;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server (GreenMail) that accepts every email, for any address, without authentication, and hands each
 * received message once to the inbox.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);

    static {
        // Jakarta Mail 2.1 looks up its StreamProvider for every message it parses, through the ServiceLoader unless
        // this property names the class (jakartaee/mail-api#699). In the packaged jar that scan of every nested jar
        // was most of the inbox's CPU per received email (docs/benchmarks.md). An explicit setting wins.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private final int port;
    private final Consumer<MimeMessage> receiver;
    // GreenMail delivers a message once per recipient; the inbox wants it once. Weak: done messages go away.
    private final Set<MovingMessage> seen = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private GreenMail greenMail;

    public SmtpServer(int port, Consumer<MimeMessage> receiver) {
        this.port = port;
        this.receiver = receiver;
    }

    /** Starts the server; a second call while it runs does nothing (a fault drill may start it twice). */
    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        greenMail = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        UserManager users = greenMail.getUserManager();
        // The inbox keeps every email itself; GreenMail's own mailboxes would keep another copy of each, and storing
        // into them was most of the local stack's CPU while 20,000 emails arrived. So the recipient it is handed
        // stores nothing.
        GreenMailUser discarding = new UserImpl("inbox@localhost", "inbox", "",
                greenMail.getManagers().getImapHostManager()) {
            @Override
            public void deliver(MovingMessage message) {
                // kept by the inbox
            }

            @Override
            public void deliver(MimeMessage message) {
                // kept by the inbox
            }
        };
        users.setMessageDeliveryHandler((message, address) -> {
            if (seen.add(message)) {
                receiver.accept(message.getMessage());
            }
            return discarding;
        });
        log.info("SMTP server listening on localhost:{}", port);
    }

    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    /** Stops the server; it can be started again (the control surface's SMTP outage). */
    @Override
    public synchronized void close() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
            log.info("SMTP server on localhost:{} stopped", port);
        }
    }
}
