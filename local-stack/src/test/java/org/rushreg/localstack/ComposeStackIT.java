package org.rushreg.localstack;

import java.io.File;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same rush against the production-like compose stack (Kafka, PostgreSQL, Mailpit, services built from
 * their Dockerfiles), for the reference event's 30-seat study walk. Skipped where there is no Docker engine.
 * The container is made inside the test, so that without Docker nothing of it is even constructed.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackIT {

    @Test
    void fiftyPeopleAtOnceForTheStudyWalk() throws Exception {
        try (ComposeContainer compose = new ComposeContainer(new File("../docker-compose.yml"))
                .withBuild(true)
                // the one-broker topology (decision 0034)
                .withEnv("COMPOSE_PROFILES", "single")
                .withEnv("MANAGE_LINK_SECRET", "compose-test-secret-compose-test-secret")
                .withEnv("EMAIL_DIGEST_KEY", "compose-test-email-digest-key")
                .withEnv("TICKET_SIGNING_KEY", java.util.Base64.getEncoder().encodeToString(
                        java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded()))
                .withEnv("POSTGRES_PASSWORD", "compose-test")
                // docker-compose.yml refuses to start without these (no default secrets in the repo)
                .withEnv("ORGANISER_USERNAME", "organiser")
                .withEnv("ORGANISER_PASSWORD_HASH", new BCryptPasswordEncoder(10).encode("compose-test-organiser"))
                .withEnv("GRAFANA_ADMIN_PASSWORD", "compose-test")
                .withExposedService("registration-service", 8080,
                        Wait.forHttp("/readyz").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(10)))
                .withExposedService("mailpit", 8025)) {
            compose.start();
            URI registration = URI.create("http://" + compose.getServiceHost("registration-service", 8080) + ":"
                    + compose.getServicePort("registration-service", 8080));
            URI mailpit = URI.create("http://" + compose.getServiceHost("mailpit", 8025) + ":"
                    + compose.getServicePort("mailpit", 8025));

            new RushScenario(registration, RushScenario.mailpit(mailpit)).run("kongres-2024", "walk-revitalisation", 50);
        }
    }
}
