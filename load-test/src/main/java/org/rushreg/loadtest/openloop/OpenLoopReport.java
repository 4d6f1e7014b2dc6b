package org.rushreg.loadtest.openloop;

import java.util.Map;
import java.util.OptionalDouble;

import org.rushreg.loadtest.rush.Report;
import org.rushreg.loadtest.stats.Latencies;

/** The open-loop run written up: each target's steps, and the sustainable rates side by side. */
final class OpenLoopReport {

    private OpenLoopReport() {
    }

    static String markdown(String command, Map<String, OpenLoopCommand.TargetResult> targets) {
        StringBuilder md = new StringBuilder("Open-loop run: registrations arriving at fixed rates, new people each, "
                + "every latency counted from the request's due time (not from when it was sent).\n\n");
        md.append("Machine: ").append(Report.machine()).append("\n\n");
        md.append("Command: `java -jar load-test/target/load-test.jar ").append(command.trim()).append("`\n\n");
        md.append(String.format("Sustainable rate (the highest step held, with every lower step held: every request accepted, "
                + "HTTP p99 < %.0f ms, every registration decided with p99 < %.0f ms from its due time):%n%n",
                SustainableRate.HTTP_P99_MILLIS, SustainableRate.DECISION_P99_MILLIS));
        md.append("| target | sustainable rate |\n|---|---|\n");
        targets.forEach((name, t) -> {
            OptionalDouble rate = SustainableRate.of(t.steps());
            md.append("| ").append(name).append(" | ")
                    .append(rate.isPresent() ? String.format("**%,.0f/s**", rate.getAsDouble()) : "**below the lowest step**")
                    .append(" |\n");
        });
        md.append('\n');
        targets.forEach((name, t) -> {
            md.append("**").append(name).append("**\n\n");
            md.append("| offered | achieved (accepted/s) | HTTP p50 | HTTP p99 | decision p50 | decision p99 | errors | undecided | tool late by (max) | held |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---|---:|---:|---|\n");
            for (StepResult s : t.steps()) {
                md.append(String.format("| %,.0f/s | %,.0f/s | %s | %s | %s | %s | %s | %,d | %s | %s |%n", s.offeredRate(),
                        s.achievedRate(), Latencies.ms(s.http().percentile(50)), Latencies.ms(s.http().percentile(99)),
                        Latencies.ms(s.decision().percentile(50)), Latencies.ms(s.decision().percentile(99)),
                        s.errors() == 0 ? "0" : s.errors() + " " + s.statuses(), s.undecided(), Latencies.ms(s.maxLateMillis()),
                        SustainableRate.held(s) ? "yes" : "**no**"));
            }
            if (t.steps().size() < t.stepsPlanned()) {
                md.append(String.format("%nThe next %d step(s) were not run: this one could no longer be held (--stop-after-miss).%n",
                        t.stepsPlanned() - t.steps().size()));
            }
            md.append('\n');
        });
        md.append("\"tool late by\" is how far behind its schedule the tool sent a request (its own or the machine's "
                + "stall, or --max-in-flight reached); that delay is inside the latencies, as a person arriving then would "
                + "have waited it.\n");
        return md.toString();
    }
}
