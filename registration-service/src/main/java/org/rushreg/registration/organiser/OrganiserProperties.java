package org.rushreg.registration.organiser;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The organiser accounts, from configuration. Each password is a BCrypt hash, with or without the {@code {bcrypt}}
 * prefix; an empty hash means that account cannot log in.
 *
 * @param username           the organiser's user name (role ORGANISER: everything)
 * @param passwordHash       BCrypt hash of the organiser's password
 * @param viewerUsername     the read-only account's user name (role VIEWER)
 * @param viewerPasswordHash BCrypt hash of the viewer's password
 * @param checkinUsername    the check-in staff's user name (role CHECKIN: scans tickets at the door, nothing else)
 * @param checkinPasswordHash BCrypt hash of the check-in staff's password
 */
@ConfigurationProperties("rushreg.organiser")
public record OrganiserProperties(String username, String passwordHash, String viewerUsername,
                                  String viewerPasswordHash, String checkinUsername, String checkinPasswordHash) {
}
