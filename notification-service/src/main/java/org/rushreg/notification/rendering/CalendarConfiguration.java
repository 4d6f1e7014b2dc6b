package org.rushreg.notification.rendering;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    @Bean
    SessionCalendars sessionCalendars(CalendarSettings settings, JdbcClient jdbc) {
        return new SessionCalendars(settings.organizer(), new CalendarSequences(jdbc));
    }
}
