package org.rushreg.registration.registrant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The versions of the consent texts the form shows (the texts are in messages_*.properties). Each registration
 * records the versions it was given, so that a later change of wording does not change what someone agreed to.
 *
 * @param terms   version of the terms of participation
 * @param privacy version of the privacy notice
 */
@ConfigurationProperties("rushreg.consents")
public record ConsentVersions(String terms, String privacy) {
}
