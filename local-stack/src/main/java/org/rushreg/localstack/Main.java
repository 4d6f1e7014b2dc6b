package org.rushreg.localstack;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import org.rushreg.localstack.services.ServiceProcess;

/** {@code java -jar local-stack.jar}: the whole system on one machine, in the foreground, until Ctrl-C. */
public final class Main {

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(Settings.usage());
            return;
        }
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Settings.usage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(settings);
        AtomicBoolean stopAsked = new AtomicBoolean();
        // Ctrl-C runs the hook: services first, then mail, Kafka and PostgreSQL, so nothing loses its broker mid-write.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAsked.set(true);
            stack.close();
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (LocalStack.JarMissingException | ServiceProcess.ExitedWhileStarting e) {
            // start() has stopped whatever it had started
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            if (stopAsked.get()) {
                return; // Ctrl-C during start: the shutdown hook is already stopping what was started
            }
            System.err.println("The local stack did not start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println(stack.summary());
        // Everything runs on its own threads and processes; the main thread only waits for Ctrl-C.
        Thread.currentThread().join();
    }

    private Main() {
    }
}
