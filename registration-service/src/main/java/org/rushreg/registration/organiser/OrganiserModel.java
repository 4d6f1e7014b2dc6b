package org.rushreg.registration.organiser;

import java.security.Principal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every organiser page shows who is logged in (next to the log-out button). */
@ControllerAdvice(basePackageClasses = OrganiserModel.class)
class OrganiserModel {

    @ModelAttribute("organiserName")
    String organiserName(Principal principal) {
        return principal == null ? null : principal.getName();
    }
}
