package org.rushreg.registration.dashboard;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Dashboards open in browsers, each listening over SSE. Every {@code rushreg.dashboard.refresh} the dashboard of
 * each watched event is read once from the read model, rendered per language, and each section whose HTML changed
 * is sent (an SSE event named after the section, the HTML htmx swaps in). Reading the database rather than
 * reacting to what this instance consumed keeps all instances right, whichever of them consumed a record; reading
 * on a clock bounds the cost in the minute registration opens, whatever the number of records.
 */
@Component
class DashboardStreams {

    private static final Logger log = LoggerFactory.getLogger(DashboardStreams.class);

    /** The fragments of templates/organiser/dashboard.html that change, each an SSE event of that name. */
    static final List<String> SECTIONS = List.of("alerts", "seats", "totals", "rate", "sectors", "organisations",
            "latest", "emails");

    /** Browsers reconnect by themselves when a stream ends; a bound keeps idle streams from piling up. */
    private static final long STREAM_TIMEOUT_MS = 10 * 60 * 1000L;

    /** The browsers watching one event in one language: they are sent the same HTML. */
    private record Audience(String eventId, Locale locale) {
    }

    private final Map<Audience, Set<SseEmitter>> audiences = new ConcurrentHashMap<>();
    private final Map<Audience, Map<String, String>> lastSent = new ConcurrentHashMap<>();
    private final DashboardReadings readings;
    private final ITemplateEngine templates;
    private final TaskScheduler scheduler;
    private final DashboardProperties properties;
    private ScheduledFuture<?> refreshing;

    DashboardStreams(DashboardReadings readings, ITemplateEngine templates, TaskScheduler scheduler,
                     DashboardProperties properties) {
        this.readings = readings;
        this.templates = templates;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        refreshing = scheduler.scheduleWithFixedDelay(this::refresh, properties.refresh());
    }

    /** Before the web server's graceful shutdown, which would otherwise wait for the open streams to time out. */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (refreshing != null) {
            refreshing.cancel(false);
        }
        audiences.values().forEach(emitters -> emitters.forEach(SseEmitter::complete));
    }

    SseEmitter listen(String eventId, Locale locale) {
        Dashboard current = readings.of(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        Audience audience = new Audience(eventId, locale);
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        audiences.computeIfAbsent(audience, a -> ConcurrentHashMap.newKeySet()).add(emitter);
        Runnable remove = () -> audiences.computeIfPresent(audience, (a, set) -> {
            set.remove(emitter);
            if (set.isEmpty()) {
                lastSent.remove(a);
                return null;
            }
            return set;
        });
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        // The page may be older than this: the new listener gets every section at once.
        render(current, locale).forEach((section, html) -> send(emitter, section, html));
        return emitter;
    }

    void refresh() {
        try {
            Map<String, Optional<Dashboard>> read = new LinkedHashMap<>();
            audiences.forEach((audience, emitters) -> {
                Optional<Dashboard> dashboard = read.computeIfAbsent(audience.eventId(), readings::of);
                if (dashboard.isEmpty()) {
                    return;
                }
                Map<String, String> sections = render(dashboard.get(), audience.locale());
                Map<String, String> before = lastSent.getOrDefault(audience, Map.of());
                sections.forEach((section, html) -> {
                    if (!html.equals(before.get(section))) {
                        emitters.forEach(emitter -> send(emitter, section, html));
                    }
                });
                lastSent.put(audience, sections);
            });
        } catch (RuntimeException e) {
            // The next round tries again; a database hiccup must not stop the dashboards for good.
            log.warn("Dashboard refresh failed: {}", e.toString());
        }
    }

    private Map<String, String> render(Dashboard dashboard, Locale locale) {
        Context context = new Context(locale, Map.of("dashboard", dashboard));
        Map<String, String> sections = new LinkedHashMap<>();
        for (String section : SECTIONS) {
            // One SSE data line: the fragment's line breaks are insignificant in HTML.
            sections.put(section, templates.process("organiser/dashboard", Set.of(section), context)
                    .replaceAll("\\R", " ").trim());
        }
        return sections;
    }

    private static void send(SseEmitter emitter, String section, String html) {
        try {
            emitter.send(SseEmitter.event().name(section).data(html));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }
}
