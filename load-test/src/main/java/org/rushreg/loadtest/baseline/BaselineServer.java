package org.rushreg.loadtest.baseline;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The two baselines the rush is compared with, one small Spring MVC application on the same JDK, heap limit and
 * virtual-thread setting as the services: {@link CeilingEndpoint} (parse and answer 202, nothing else: what HTTP
 * and JSON alone cost on this machine) and {@link LockPeerEndpoint} (seats allocated under
 * {@code SELECT … FOR UPDATE} of one quota row, as pretix and alf.io do).
 */
@SpringBootApplication
public class BaselineServer {

    public static ConfigurableApplicationContext start(int port, String jdbcUrl, String... args) {
        SpringApplication app = new SpringApplication(BaselineServer.class);
        app.setDefaultProperties(Map.of(
                "server.port", String.valueOf(port),
                "spring.threads.virtual.enabled", "true",
                "spring.main.banner-mode", "off",
                "spring.datasource.url", jdbcUrl,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "",
                // the registration-service's pool size, so both sides may hold as many connections
                "spring.datasource.hikari.maximum-pool-size", "20",
                "logging.level.root", "WARN"));
        return app.run(args);
    }
}
