package org.rushreg.registration.registrant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The versions of the consent texts the form shows (the texts are in messages_*.properties). Each registration
 * records the versions it was given, so that a later change of wording does not change what someone agreed to.
 *
 * @param terms   version of the terms of participation
 * @param privacy    version of the privacy notice
 * @param newsletter version of the optional consent (news about future events), recorded only when it is given
 */
@ConfigurationProperties("rushreg.consents")
public record ConsentVersions(String terms, String privacy, String newsletter) {
}
