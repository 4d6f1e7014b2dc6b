package org.rushreg.registration.registrant;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.rushreg.registration.readmodel.RegistrationChanged;
import org.rushreg.registration.readmodel.RegistrationChanges.RegistrationChangesMissed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Status pages open in browsers, each listening over SSE. When the read model has applied an outcome of a
 * registration (on any instance: {@link org.rushreg.registration.readmodel.RegistrationChanges}), each page of it
 * held by this instance is sent the new status fragment (event {@code status}, the HTML that htmx swaps
 * in). A new listener gets the current status at once, so an outcome between page load and connect is not missed.
 *
 * <p>A listener is registered before its first status is read, and each send reads the status under the listener's
 * lock: whichever send comes last carries a status read after the last change, so an outcome applied while a page
 * connects is never lost behind an older PENDING.
 */
@Component
class StatusUpdates {

    /** Browsers reconnect by themselves when a stream ends; a bound keeps idle streams from piling up. */
    private static final long STREAM_TIMEOUT_MS = 5 * 60 * 1000L;

    private record Listener(String registrationId, SseEmitter emitter, Locale locale, Lock lock) {
    }

    private final Map<String, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final Registrations registrations;
    private final ITemplateEngine templates;

    StatusUpdates(Registrations registrations, ITemplateEngine templates) {
        this.registrations = registrations;
        this.templates = templates;
    }

    SseEmitter listen(String registrationId, Locale locale) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        Listener listener = new Listener(registrationId, emitter, locale, new ReentrantLock());
        listeners.computeIfAbsent(registrationId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        Runnable remove = () -> listeners.computeIfPresent(registrationId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        sendCurrent(listener);
        return emitter;
    }

    @EventListener
    void changed(RegistrationChanged change) {
        Set<Listener> waiting = listeners.get(change.registrationId());
        if (waiting == null || waiting.isEmpty()) {
            return;
        }
        waiting.forEach(this::sendCurrent);
    }

    @EventListener
    void missed(RegistrationChangesMissed missed) {
        listeners.values().forEach(waiting -> waiting.forEach(this::sendCurrent));
    }

    private void sendCurrent(Listener listener) {
        listener.lock().lock();
        try {
            // Rendered on the broker's thread, not the request's: the listener's language, not the thread's.
            StatusPage page = registrations.statusPage(listener.registrationId(), listener.locale().getLanguage());
            String html = templates.process("status", Set.of("result"), new Context(listener.locale(), Map.of("page", page)));
            // One SSE data line: the fragment's line breaks are insignificant in HTML.
            listener.emitter().send(SseEmitter.event().name("status").data(html.replaceAll("\\R", " ")));
        } catch (IOException | IllegalStateException e) {
            listener.emitter().completeWithError(e);
        } finally {
            listener.lock().unlock();
        }
    }
}
