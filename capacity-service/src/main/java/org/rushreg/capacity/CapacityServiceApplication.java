package org.rushreg.capacity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The single writer of seats: decides every registration command of every event it owns a partition of. */
@SpringBootApplication
public class CapacityServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CapacityServiceApplication.class, args);
    }
}
