package org.rushreg.loadtest;

import java.util.Arrays;

import org.rushreg.loadtest.baseline.BaselineServer;
import org.rushreg.loadtest.baseline.CeilingCommand;
import org.rushreg.loadtest.chaos.ChaosCommand;
import org.rushreg.loadtest.openloop.OpenLoopCommand;
import org.rushreg.loadtest.rush.RushCommand;

/** {@code java -jar load-test.jar <command> [options]}; see load-test/README.md. */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar load-test/target/load-test.jar <command> [options]   (from the repository root)

              seed             write the load-test events as catalogue seed files for the local stack
              rush             the opening rush against the running local stack, with its baselines
              chaos            a paced rush while services, SMTP and the broker are killed and restarted
              open-loop        arrivals at fixed rates in rising steps: the sustainable rate of the system and the lock peer
              ceiling          the HTTP ceiling alone, by the Java clients and by wrk (no stack needed)
              baseline-server  the HTTP ceiling and lock-based peer endpoints (started by rush itself)

            `<command> --help` lists the options of a command.
            """;

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        boolean help = Arrays.asList(rest).contains("--help");
        try {
            switch (args[0]) {
                case "seed" -> SeedCommand.run(rest);
                case "rush" -> {
                    if (help) {
                        System.out.print(RushCommand.options().usage());
                        return;
                    }
                    System.exit(RushCommand.run(rest) ? 0 : 1);
                }
                case "chaos" -> {
                    if (help) {
                        System.out.print(ChaosCommand.options().usage());
                        return;
                    }
                    System.exit(ChaosCommand.run(rest) ? 0 : 1);
                }
                case "open-loop" -> {
                    if (help) {
                        System.out.print(OpenLoopCommand.options().usage());
                        return;
                    }
                    System.exit(OpenLoopCommand.run(rest) ? 0 : 1);
                }
                case "ceiling" -> {
                    if (help) {
                        System.out.print(CeilingCommand.options().usage());
                        return;
                    }
                    CeilingCommand.run(rest);
                }
                case "baseline-server" -> {
                    Options o = new Options().flag("port", "8090", "HTTP port")
                            .flag("jdbc-url", "jdbc:postgresql://localhost:5432/lockpeer", "database of the lock-based peer")
                            .parse(rest);
                    BaselineServer.start(o.integer("port"), o.string("jdbc-url"));
                }
                default -> {
                    System.err.print("Unknown command " + args[0] + "\n" + USAGE);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private Main() {
    }
}
