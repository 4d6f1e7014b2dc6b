package org.rushreg.registration.privacy;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rushreg.messages.CapacityDataReported;
import org.rushreg.messages.MalformedMessageException;
import org.rushreg.messages.NotificationDataReported;
import org.rushreg.messages.PersonalDataAccess;
import org.rushreg.messages.SealedData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The other stores' answers to the access requests this instance is waiting for (decision 0050), in memory only:
 * every instance reads every answer ({@link PersonalDataReportBindings}) and opens those of its own waiting requests
 * with the request's private key, keeping them until the request has them or stops waiting; any other answer is
 * dropped at once. The key pair is made per request and dropped with it: nothing of the key or the answers is written,
 * so the sealed answers left on the topic can be read by nobody once the request ended.
 */
@Component
class PersonalDataReports {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataReports.class);

    /** What the stores answered to one request so far. */
    static final class Answers {

        private final KeyPair key = SealedData.newKeyPair();
        private final CompletableFuture<CapacityDataReported.Held> capacity = new CompletableFuture<>();
        private final CompletableFuture<NotificationDataReported.Held> notifications = new CompletableFuture<>();

        /** The public key the stores seal their answers for, as the requests carry it. */
        String publicKey() {
            return SealedData.publicKeyText(key.getPublic());
        }

        CapacityDataReported.Held capacity() {
            return capacity.getNow(null);
        }

        NotificationDataReported.Held notifications() {
            return notifications.getNow(null);
        }

        /** The capacity-service could not be asked: its answer is not waited for. */
        void capacityNotAsked() {
            capacity.complete(null);
        }

        /** The notification-service could not be asked: its answer is not waited for. */
        void notificationsNotAsked() {
            notifications.complete(null);
        }
    }

    private final Map<String, Answers> waiting = new ConcurrentHashMap<>();

    /** Starts collecting the answers to {@code requestId}; {@link #stop} ends it. */
    Answers expect(String requestId) {
        Answers answers = new Answers();
        waiting.put(requestId, answers);
        return answers;
    }

    /** Waits until both stores answered or {@code bound} passed; the answers are then in {@code answers}. */
    void await(Answers answers, Duration bound) {
        try {
            CompletableFuture.allOf(answers.capacity, answers.notifications)
                    .get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // what arrived in time is shown; the rest is marked as not answered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Collecting the answers failed", e);
        }
    }

    void stop(String requestId) {
        waiting.remove(requestId);
    }

    /**
     * An answer read from the topic: opened and kept if this instance waits for it (the first of each store that
     * opens), else dropped. One that does not open with the request's key is dropped and logged without its content.
     */
    void accept(PersonalDataAccess message) {
        Answers answers = message.requestId() == null ? null : waiting.get(message.requestId());
        if (answers == null) {
            return;
        }
        try {
            if (message instanceof CapacityDataReported capacity) {
                answers.capacity.complete(capacity.open(answers.key));
            } else if (message instanceof NotificationDataReported notifications) {
                answers.notifications.complete(notifications.open(answers.key));
            }
        } catch (IllegalArgumentException | MalformedMessageException e) {
            log.warn("Access request {}: a {} did not open with the request's key and is dropped ({}); if none does, "
                    + "the store is shown as not answered", message.requestId(), message.getClass().getSimpleName(),
                    e.getMessage());
        }
    }
}
