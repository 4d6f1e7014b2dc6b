package org.rushreg.registration.privacy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rushreg.messages.CapacityDataReported;
import org.rushreg.messages.NotificationDataReported;
import org.rushreg.messages.PersonalDataAccess;
import org.springframework.stereotype.Component;

/**
 * The other stores' answers to the access requests this instance is waiting for (decision 0050), in memory only:
 * every instance reads every answer ({@link PersonalDataReportBindings}) and keeps those of its own waiting requests
 * until the request has them or stops waiting; any other answer is dropped at once. Nothing of them is written.
 */
@Component
class PersonalDataReports {

    /** What the stores answered to one request so far. */
    static final class Answers {

        private final CompletableFuture<CapacityDataReported> capacity = new CompletableFuture<>();
        private final CompletableFuture<NotificationDataReported> notifications = new CompletableFuture<>();

        CapacityDataReported capacity() {
            return capacity.getNow(null);
        }

        NotificationDataReported notifications() {
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

    /** An answer read from the topic: kept if this instance waits for it (the first of each store), else dropped. */
    void accept(PersonalDataAccess message) {
        Answers answers = message.requestId() == null ? null : waiting.get(message.requestId());
        if (answers == null) {
            return;
        }
        if (message instanceof CapacityDataReported capacity) {
            answers.capacity.complete(capacity);
        } else if (message instanceof NotificationDataReported notifications) {
            answers.notifications.complete(notifications);
        }
    }
}
