package org.rushreg.registration.registrant;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.rushreg.messages.EventDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.EventView;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The registrant's pages: the form, the status page (live over SSE) and the manage page of the emailed link.
 * The form goes through the API's validation (the same constraints on {@link RegistrationRequest}) and the same
 * {@link Registrations#register}.
 */
@Controller
class RegistrationPages {

    private static final Logger log = LoggerFactory.getLogger(RegistrationPages.class);

    /** Form fields in page order: the error summary lists problems in the order a reader meets the fields. */
    private static final List<String> FIELDS = List.of("firstName", "lastName", "email", "organisation", "sector",
            "sessionIds", "terms", "privacy", "locale");

    /** A problem with one form field; {@code field} is the id of its input, the message is {@code error.<field>}. */
    record FormError(String field) {
    }

    private final EventCatalogue catalogue;
    private final Registrations registrations;
    private final StatusUpdates updates;
    private final Validator validator;
    private final ConsentVersions consentVersions;
    private final RegistrationTickets tickets;
    private final OptionalConsents optionalConsents;
    private final Clock clock;

    RegistrationPages(EventCatalogue catalogue, Registrations registrations, StatusUpdates updates,
                      Validator validator, ConsentVersions consentVersions, RegistrationTickets tickets,
                      OptionalConsents optionalConsents, Clock clock) {
        this.catalogue = catalogue;
        this.optionalConsents = optionalConsents;
        this.tickets = tickets;
        this.registrations = registrations;
        this.updates = updates;
        this.validator = validator;
        this.consentVersions = consentVersions;
        this.clock = clock;
    }

    @GetMapping("/events/{eventId}")
    ModelAndView form(@PathVariable String eventId) {
        // The submission id makes a double-clicked submit one registration (it is the Idempotency-Key).
        return formPage(eventId, new RegistrationForm(), UUID.randomUUID().toString(), List.of(), HttpStatus.OK);
    }

    @PostMapping("/events/{eventId}")
    ModelAndView register(@PathVariable String eventId, @ModelAttribute("form") RegistrationForm form,
                          @RequestParam(required = false) String submission, Locale locale) {
        if (form.honeypotFilled()) {
            log.info("Event {}: a form with the honeypot filled was refused", eventId);
            throw new HoneypotFilledException();
        }
        RegistrationRequest request = form.toRequest(locale.getLanguage());
        List<FormError> errors = errorsOf(validator.validate(request));
        if (errors.isEmpty()) {
            try {
                IdempotencyKey key = IdempotencyKey.ofHeader(submission);
                var accepted = registrations.register(eventId, request, key == null ? null : key.value());
                return new ModelAndView("redirect:/registrations/" + accepted.registrationId());
            } catch (InvalidSessionChoiceException e) {
                errors = List.of(new FormError("sessionIds"));
            } catch (InvalidIdempotencyKeyException e) {
                submission = null;
            }
        }
        return formPage(eventId, form, submission == null ? UUID.randomUUID().toString() : submission, errors,
                HttpStatus.BAD_REQUEST);
    }

    @GetMapping("/registrations/{registrationId}")
    ModelAndView status(@PathVariable String registrationId, @RequestParam(required = false) String cancel,
                        @RequestParam(required = false) String verify) {
        ModelAndView page = new ModelAndView("status");
        page.addObject("page", registrations.statusPage(registrationId));
        page.addObject("cancelRequested", "requested".equals(cancel));
        page.addObject("verifyRequested", "requested".equals(verify));
        return page;
    }

    @GetMapping(path = "/registrations/{registrationId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter statusEvents(@PathVariable String registrationId, Locale locale) {
        return updates.listen(registrationId, locale);
    }

    @GetMapping("/registrations/{registrationId}/manage")
    ModelAndView manage(@PathVariable String registrationId, @RequestParam(required = false) String token,
                        @RequestParam(required = false) String change,
                        @RequestParam(required = false) String consent) {
        ModelAndView page = managePage(registrationId, token, "requested".equals(change), false, HttpStatus.OK);
        // What the withdrawal just did, for its notice: withdrawn now, or found withdrawn before.
        page.addObject("consentWithdrawal", "withdrawn".equals(consent) || "already-withdrawn".equals(consent)
                ? consent : null);
        return page;
    }

    private ModelAndView managePage(String registrationId, String token, boolean changeRequested,
                                    boolean changeInvalid, HttpStatus status) {
        var managed = registrations.manage(registrationId, token);
        ModelAndView page = new ModelAndView("manage");
        page.setStatus(status);
        page.addObject("page", managed.registration());
        page.addObject("name", managed.registrantName());
        page.addObject("token", token);
        page.addObject("ticket", tickets.of(managed.registration()).orElse(null));
        page.addObject("choices", SessionChoice.of(registrations.sessionsOf(managed.registration().eventId()),
                managed.registration(), LocaleContextHolder.getLocale().getLanguage()));
        page.addObject("changeRequested", changeRequested);
        page.addObject("changeInvalid", changeInvalid);
        page.addObject("changeRefusal", registrations.lastChangeRefusal(registrationId).orElse(null));
        page.addObject("optionalConsent", optionalConsents.of(registrationId).orElse(null));
        return page;
    }

    /** Withdraws the optional consent (news about future events); a second press says it was withdrawn before. */
    @PostMapping("/registrations/{registrationId}/consents/optional/withdrawal")
    String withdrawOptionalConsent(@PathVariable String registrationId, @RequestParam(required = false) String token) {
        OptionalConsents.Withdrawal withdrawal = optionalConsents.withdraw(registrationId, token);
        return "redirect:/registrations/" + registrationId + "/manage?token="
                + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8) + "&consent="
                + (withdrawal == OptionalConsents.Withdrawal.WITHDRAWN ? "withdrawn" : "already-withdrawn");
    }

    @PostMapping("/registrations/{registrationId}/sessions")
    ModelAndView changeSessions(@PathVariable String registrationId, @RequestParam(required = false) String token,
                                @RequestParam(required = false) List<String> sessionIds) {
        try {
            registrations.changeSessions(registrationId, token, sessionIds);
        } catch (InvalidSessionChoiceException e) {
            return managePage(registrationId, token, false, true, HttpStatus.BAD_REQUEST);
        }
        return new ModelAndView("redirect:/registrations/" + registrationId + "/manage?token="
                + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8) + "&change=requested");
    }

    /**
     * The page of a verification email's link (decision 0030): it asks for a press of its button and verifies nothing
     * by itself, because mail scanners follow links.
     */
    @GetMapping("/registrations/{registrationId}/verify")
    ModelAndView verification(@PathVariable String registrationId, @RequestParam(required = false) String token) {
        return verificationPage(registrations.verification(registrationId, token), token);
    }

    @PostMapping("/registrations/{registrationId}/verify")
    ModelAndView verify(@PathVariable String registrationId, @RequestParam(required = false) String token) {
        Registrations.Verification verification = registrations.verify(registrationId, token);
        if (verification.awaiting()) {
            return new ModelAndView("redirect:/registrations/" + registrationId + "?verify=requested");
        }
        return verificationPage(verification, token);
    }

    private static ModelAndView verificationPage(Registrations.Verification verification, String token) {
        ModelAndView page = new ModelAndView("verify");
        page.addObject("page", verification.registration());
        page.addObject("awaiting", verification.awaiting());
        page.addObject("expired", verification.expired());
        page.addObject("verified", verification.verified());
        page.addObject("token", token);
        return page;
    }

    @PostMapping("/registrations/{registrationId}/cancel")
    String cancel(@PathVariable String registrationId, @RequestParam(required = false) String token) {
        registrations.cancel(registrationId, token);
        return "redirect:/registrations/" + registrationId + "?cancel=requested";
    }

    private ModelAndView formPage(String eventId, RegistrationForm form, String submission, List<FormError> errors,
                                  HttpStatus status) {
        EventView event = catalogue.view(eventId, clock.instant()).orElseThrow(() -> new UnknownEventException(eventId));
        ModelAndView page = new ModelAndView("form");
        page.setStatus(status);
        page.addObject("event", event);
        // Titles and descriptions in the page's language (decision 0045).
        page.addObject("days", FormDay.of(event, LocaleContextHolder.getLocale().getLanguage()));
        page.addObject("form", form);
        page.addObject("submission", submission);
        page.addObject("errors", errors);
        page.addObject("invalid", errors.stream().map(FormError::field).toList());
        page.addObject("consentVersions", consentVersions);
        page.addObject("sectors", RegistrationRequest.SECTORS.split("\\|"));
        // Where the event requires email verification the form says so, and for how long places are held.
        page.addObject("holdMinutes", catalogue.find(eventId)
                .filter(e -> Boolean.TRUE.equals(e.requireEmailVerification()))
                .map(e -> e.verificationHoldMinutes() != null ? e.verificationHoldMinutes()
                        : EventDefinition.DEFAULT_VERIFICATION_HOLD_MINUTES)
                .orElse(null));
        return page;
    }

    /** The failing fields, once each, in page order; {@code consents.terms} is the form's {@code terms}. */
    private static List<FormError> errorsOf(Set<ConstraintViolation<RegistrationRequest>> violations) {
        List<String> fields = new ArrayList<>();
        for (ConstraintViolation<RegistrationRequest> v : violations) {
            String path = v.getPropertyPath().toString().replaceFirst("^consents\\.", "").replaceFirst("\\[.*", "");
            if (!fields.contains(path)) {
                fields.add(path);
            }
        }
        fields.sort(Comparator.comparingInt(f -> FIELDS.contains(f) ? FIELDS.indexOf(f) : FIELDS.size()));
        return fields.stream().map(FormError::new).toList();
    }
}
