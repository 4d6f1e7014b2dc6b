package org.rushreg.registration.organiser.login;

import java.time.Clock;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.organiser.audit.OrganiserAction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

    @Bean
    LoginThrottle loginThrottle(LoginProperties properties, Clock clock, AuditTrail audit) {
        return new LoginThrottle(properties, clock, (account, locked, detail) -> audit.record(account,
                locked ? OrganiserAction.LOGIN_LOCKED : OrganiserAction.LOGIN_UNLOCKED, null, null, detail));
    }

    @Bean
    ThrottledLogin throttledLogin(UserDetailsService organisers, PasswordEncoder passwordEncoder,
                                  LoginThrottle throttle, Clock clock) {
        return new ThrottledLogin(organisers, passwordEncoder, throttle, clock);
    }
}
