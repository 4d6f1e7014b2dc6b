package org.rushreg.registration.registrant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param manageLinkSecret HMAC secret shared with notification-service; empty means random per start */
@ConfigurationProperties("rushreg")
record ManageLinkProperties(String manageLinkSecret) {
}
