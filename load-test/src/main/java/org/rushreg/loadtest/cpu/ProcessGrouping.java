package org.rushreg.loadtest.cpu;

import java.util.List;
import java.util.Optional;

/**
 * Puts each process of a snapshot in its {@link ProcessGroup}, by whose process it is: the load tool and what it
 * started (the baseline server apart), the local stack's JVM and the services it started, and the PostgreSQL
 * server with its backends (the lock peer's connections among them). Going by the process tree rather than by
 * command line alone keeps another stack or test running on the same machine out of this run's figures; it falls
 * back to the command line (as {@code ../shared/tools/cpu_by_process.py} groups) only for what it has no root for.
 *
 * @param toolPid       this JVM
 * @param baselinePid   the baseline server, 0 if none runs
 * @param stackPid      the local stack's JVM (the parent of the services), 0 if not known
 * @param postmasterPid the PostgreSQL server, 0 if not known
 */
public record ProcessGrouping(long toolPid, long baselinePid, long stackPid, long postmasterPid) {

    private static final List<ProcessGroup> SERVICES = List.of(ProcessGroup.REGISTRATION_SERVICE,
            ProcessGroup.CAPACITY_SERVICE, ProcessGroup.NOTIFICATION_SERVICE);

    public ProcessGrouping withBaseline(long pid) {
        return new ProcessGrouping(toolPid, pid, stackPid, postmasterPid);
    }

    /** How the groups were told apart, for the report: by process tree, or by command line where no root was found. */
    public String describe() {
        String stack = stackPid != 0 ? "the local stack's JVM pid " + stackPid + " and its children"
                : "the local stack's JVM not found (no service pid files in --data-dir): the services and the stack by "
                + "command line, so another stack on this machine would be counted too";
        String postgres = postmasterPid != 0 ? "PostgreSQL pid " + postmasterPid + " and its backends"
                : "PostgreSQL not found on the URL's port: every process named postgres";
        return "Processes grouped by process tree: " + stack + "; " + postgres + ".";
    }

    public ProcessGroup groupOf(ProcessCpu process, ProcSnapshot snapshot) {
        // nearest root first: the baseline server is the tool's child, a service the stack's
        for (ProcessCpu p : snapshot.lineage(process)) {
            if (baselinePid != 0 && p.pid() == baselinePid) {
                return ProcessGroup.BASELINE_SERVER;
            }
            if (p.pid() == toolPid) {
                return ProcessGroup.LOAD_TOOL;
            }
            if (postmasterPid != 0 && p.pid() == postmasterPid) {
                return ProcessGroup.POSTGRES;
            }
            if (stackPid != 0 && p.pid() == stackPid) {
                return service(process.cmdline()).orElse(ProcessGroup.LOCAL_STACK);
            }
        }
        return byCommandLine(process.cmdline());
    }

    /** For processes outside every known root: what the command line says, when this run does not know the root. */
    private ProcessGroup byCommandLine(String cmdline) {
        if (stackPid == 0) {
            Optional<ProcessGroup> service = service(cmdline);
            if (service.isPresent()) {
                return service.get();
            }
            if (cmdline.contains("local-stack")) {
                return ProcessGroup.LOCAL_STACK;
            }
        }
        if (postmasterPid == 0 && cmdline.contains("postgres")) {
            return ProcessGroup.POSTGRES;
        }
        return ProcessGroup.OTHER;
    }

    private static Optional<ProcessGroup> service(String cmdline) {
        return SERVICES.stream().filter(s -> cmdline.contains(s.label())).findFirst();
    }
}
