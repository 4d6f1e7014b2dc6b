package org.rushreg.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local stack of the end-to-end scenarios that need nothing but their own events on it (email verification,
 * an organiser's changes and messages): one definition of it and of those events. A scenario acquires it in its
 * {@code @BeforeAll} and releases it in its {@code @AfterAll}; the first acquire starts it, the last release stops
 * it, so scenarios that run at the same time share one stack, and one that runs alone has it to itself. The
 * scenarios that kill processes or need a stack of another shape start their own.
 */
final class SharedStack {

    /** An event whose registrations wait for email verification, with the shortest hold (EmailVerificationIT). */
    static final String VERIFICATION_EVENT = "verify-test";
    /** An event an organiser changes (OrganiserChangesReachAttendeesIT). */
    static final String CHANGED_EVENT = "change-test";

    private static LocalStack stack;
    private static Settings settings;
    private static Path dir;
    private static int users;

    private SharedStack() {
    }

    /** The running stack (started by the first caller); each call is paired with a {@link #release()}. */
    static synchronized LocalStack acquire() throws Exception {
        if (stack == null) {
            dir = Files.createTempDirectory("shared-stack");
            TestCatalogue.write(dir, VERIFICATION_EVENT, 10,
                    "requireEmailVerification: true\nverificationHoldMinutes: 1\n");
            String seed = TestCatalogue.write(dir, CHANGED_EVENT, 5);
            Path root = Path.of(System.getProperty("rushreg.root", ".."));
            settings = Settings.onFreePorts(root, dir.resolve("data"))
                    .withServiceEnv(Map.of("CATALOGUE_SEED", seed, "CAPACITY_HOLD_CHECK_INTERVAL", "1s"));
            LocalStack starting = new LocalStack(settings);
            try {
                starting.checkJars();
                starting.start();
            } catch (Exception | Error e) {
                starting.close();
                throw e;
            }
            stack = starting;
        }
        users++;
        return stack;
    }

    static synchronized Settings settings() {
        return settings;
    }

    static synchronized void release() throws IOException {
        if (stack == null || --users > 0) {
            return;
        }
        stack.close();
        stack = null;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
