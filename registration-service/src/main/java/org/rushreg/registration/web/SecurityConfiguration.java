package org.rushreg.registration.web;

import static org.rushreg.registration.organiser.OrganiserAccounts.CHECKIN;
import static org.rushreg.registration.organiser.OrganiserAccounts.ORGANISER;
import static org.rushreg.registration.organiser.OrganiserAccounts.VIEWER;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.rushreg.registration.organiser.login.LoginThrottledException;
import org.rushreg.registration.organiser.login.ThrottledLogin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Who may do what. The registrants' pages and API are public. The organiser area needs a login: people log in with
 * a form at {@code /organiser/login} (a session, forms with CSRF tokens), programs use HTTP Basic on
 * {@code /api/organiser/**} (stateless, a 401 with {@code WWW-Authenticate} without credentials). The role VIEWER
 * may read everything the organiser sees; every write needs ORGANISER (else 403). The check-in API
 * ({@code /api/check-in/**}, HTTP Basic like the organisers' API) needs CHECKIN, which the organiser has too and the
 * viewer has not; the check-in staff's account has nothing else. The staff's page ({@code /check-in/**}) is behind
 * the same form login as the organiser area, and staff who have only CHECKIN land there after it. Failed logins are
 * throttled ({@link ThrottledLogin}): a throttled form login goes back to the login page with {@code ?locked}, a
 * throttled Basic request gets 429 with {@code Retry-After}.
 *
 * <p>The pages keep nothing in a server session until an organiser logs in: the CSRF token is in a cookie, the page
 * asked for before the login too, and a failed login goes back to the login page by its address alone. So any
 * instance answers any page and a rush of form views writes no session; the organiser's session after the login is
 * in PostgreSQL (Spring Session JDBC), shared by every instance (decision 0020).
 *
 * <p>Public forms carry a CSRF token; the public JSON API does not need one (no cookies, no session: a cross-site
 * page cannot send it a JSON body without a CORS preflight). Every answer carries the security headers: a CSP that
 * allows no inline script, no framing, nosniff, and no referrer (the manage page's address holds its token).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";

    static final String LOGIN_PAGE = "/organiser/login";

    /**
     * The public API (events, registrations, status) needs no login, session, CSRF token or saved request: only the
     * security headers. A chain without those filters keeps the registration POST cheap in a rush.
     */
    @Bean
    @Order(0)
    SecurityFilterChain publicApi(HttpSecurity http) throws Exception {
        DefaultSecurityFilterChain built = secureHeaders(http)
                .securityMatcher("/api/events/**", "/api/registrations/**")
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .logout(logout -> logout.disable())
                .build();
        // Of what HttpSecurity always adds, only the headers do anything for these requests (no session, login,
        // authorisation or async security context); each other filter cost the registration POST CPU for nothing.
        Filter headers = built.getFilters().stream().filter(HeaderWriterFilter.class::isInstance).findFirst()
                .orElseThrow(() -> new IllegalStateException("The public API's chain has no HeaderWriterFilter"));
        return new DefaultSecurityFilterChain(built.getRequestMatcher(), headers);
    }

    /**
     * No observation around the security filters (their observations are disabled anyway, see application.yml):
     * without this the chain still wraps every filter in a decorator that asks for one.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Every organiser login goes through {@link ThrottledLogin} alone: no other provider (nor a parent manager)
     * that would run BCrypt for an attempt it refused.
     */
    @Bean
    @Order(1)
    SecurityFilterChain organiserApi(HttpSecurity http, ThrottledLogin login) throws Exception {
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName("rush-registration organisers");
        return secureHeaders(http)
                .securityMatcher("/api/organiser/**", "/api/check-in/**")
                .authenticationManager(new ProviderManager(login))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/check-in/**").hasRole(CHECKIN)
                        .requestMatchers(HttpMethod.GET, "/api/organiser/**").hasAnyRole(ORGANISER, VIEWER)
                        .requestMatchers(HttpMethod.HEAD, "/api/organiser/**").hasAnyRole(ORGANISER, VIEWER)
                        .anyRequest().hasRole(ORGANISER))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, failure) -> {
                    if (failure instanceof LoginThrottledException throttled) {
                        tooManyLogins(response, throttled);
                    } else {
                        challenge.commence(request, response, failure);
                    }
                }))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Credentials come with each request, never from a cookie: nothing for a forged request to ride on.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, ThrottledLogin login) throws Exception {
        ExceptionMappingAuthenticationFailureHandler failure = new ExceptionMappingAuthenticationFailureHandler();
        failure.setDefaultFailureUrl(LOGIN_PAGE + "?error");
        failure.setExceptionMappings(Map.of(LoginThrottledException.class.getName(), LOGIN_PAGE + "?locked"));
        // The login page says what went wrong from ?error or ?locked: a failed attempt must not open a session (a row
        // in the database) just to hold the exception.
        failure.setAllowSessionCreation(false);
        // The token lives in a cookie (HttpOnly: no script needs it; each form's hidden _csrf field carries it masked),
        // so a form fetched from one instance is accepted by another, and an anonymous visitor gets no session.
        // SameSite=Strict: the token is only needed on posts from our own pages.
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        CookieRequestCache pagesAskedFor = pagesAskedForBeforeLogin();
        return secureHeaders(http)
                .authenticationManager(new ProviderManager(login))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(LOGIN_PAGE).permitAll()
                        .requestMatchers("/check-in", "/check-in/**").hasRole(CHECKIN)
                        .requestMatchers(ApiDescription.FOR_ORGANISERS).hasAnyRole(ORGANISER, VIEWER)
                        .requestMatchers(HttpMethod.GET, "/organiser", "/organiser/**").hasAnyRole(ORGANISER, VIEWER)
                        .requestMatchers(HttpMethod.HEAD, "/organiser", "/organiser/**").hasAnyRole(ORGANISER, VIEWER)
                        // A lookup of a person's data is a read, posted so that the address stays out of URLs.
                        .requestMatchers(HttpMethod.POST, "/organiser/events/*/personal-data/lookup",
                                "/organiser/events/*/personal-data/lookup.json").hasAnyRole(ORGANISER, VIEWER)
                        .requestMatchers("/organiser", "/organiser/**").hasRole(ORGANISER)
                        .anyRequest().permitAll())
                .formLogin(form -> form
                        .loginPage(LOGIN_PAGE)
                        .successHandler(afterLogin(pagesAskedFor))
                        .failureHandler(failure))
                .logout(logout -> logout
                        .logoutUrl("/organiser/logout")
                        .logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .requestCache(cache -> cache.requestCache(pagesAskedFor))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).ignoringRequestMatchers("/api/**"))
                .build();
    }

    /**
     * After the login: back to the page asked for before it, else the organiser area, or the check-in for staff who
     * have nothing else (the organiser area would only say 403 to them).
     */
    private static SavedRequestAwareAuthenticationSuccessHandler afterLogin(CookieRequestCache pagesAskedFor) {
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response,
                                                Authentication authentication) {
                boolean staffOnly = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .noneMatch(role -> role.equals("ROLE_" + ORGANISER) || role.equals("ROLE_" + VIEWER));
                return staffOnly ? "/check-in" : "/organiser";
            }
        };
        success.setRequestCache(pagesAskedFor);
        return success;
    }

    /**
     * The organiser page asked for before the login, remembered in a cookie instead of a session: a bot knocking on
     * {@code /organiser} must not make a session row per request. Only pages a person opened (a GET that takes HTML),
     * not the dashboard's stream reconnecting after the session expired.
     */
    private static CookieRequestCache pagesAskedForBeforeLogin() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        CookieRequestCache cache = new CookieRequestCache();
        cache.setRequestMatcher(new AndRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/**"), html));
        cache.setCookieCustomizer(cookie -> cookie.setAttribute("SameSite", "Lax"));
        return cache;
    }

    /** 429 with Retry-After: the credentials were not even checked. */
    private static void tooManyLogins(HttpServletResponse response, LoginThrottledException throttled)
            throws IOException {
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too many failed logins\",\"status\":429,"
                + "\"detail\":\"Too many failed logins for this account or from this address; the credentials were not "
                + "checked. Try again in " + throttled.retryAfterSeconds() + " s\"}");
    }

    private static HttpSecurity secureHeaders(HttpSecurity http) throws Exception {
        return http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
    }
}
