package org.rushreg.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What every email shares: the sender, an optional reply-to address, the public base URL of manage links and the
 * secret that signs them, and the key that signs tickets (both shared with registration-service).
 */
@ConfigurationProperties("notification")
public record MailSettings(String from, String replyTo, String publicUrl, String manageLinkSecret,
                           String ticketSigningKey) {

    public MailSettings {
        from = from == null || from.isBlank() ? "no-reply@kongres.example.org" : from.strip();
        replyTo = replyTo == null || replyTo.isBlank() ? null : replyTo.strip();
        publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : stripTrailingSlash(publicUrl.strip());
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
