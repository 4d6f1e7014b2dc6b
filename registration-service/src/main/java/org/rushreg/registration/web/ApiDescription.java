package org.rushreg.registration.web;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description in two parts: the public API for everyone ({@code /v3/api-docs/public}) and the organiser
 * API for organisers only ({@code /v3/api-docs/organiser}, after logging in; see {@link SecurityConfiguration}).
 * Springdoc still serves the whole description without a group ({@code /v3/api-docs}), so that is for organisers
 * too. A stranger learns nothing from it about the organiser area.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static final String[] PUBLIC_PATHS = {"/api/events/**", "/api/registrations/**", "/api/tickets/**"};
    static final String ORGANISER_GROUP = "organiser";

    /** The descriptions that include the organiser API: the group's, and the whole one. */
    static final String[] FOR_ORGANISERS = {"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/" + ORGANISER_GROUP,
            "/v3/api-docs/" + ORGANISER_GROUP + "/**", "/v3/api-docs.yaml/" + ORGANISER_GROUP};

    @Bean
    GroupedOpenApi publicApiDescription() {
        return GroupedOpenApi.builder().group("public").pathsToMatch(PUBLIC_PATHS).build();
    }

    @Bean
    GroupedOpenApi organiserApiDescription() {
        return GroupedOpenApi.builder().group(ORGANISER_GROUP).pathsToMatch("/api/organiser/**", "/api/check-in/**")
                .build();
    }
}
