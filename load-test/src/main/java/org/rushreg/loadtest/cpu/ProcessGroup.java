package org.rushreg.loadtest.cpu;

/** What a process is in a run, for the CPU table: one row each. */
public enum ProcessGroup {
    REGISTRATION_SERVICE("registration-service"),
    CAPACITY_SERVICE("capacity-service"),
    NOTIFICATION_SERVICE("notification-service"),
    LOCAL_STACK("local stack JVM (Kafka broker, inbox)"),
    POSTGRES("PostgreSQL (all its processes)"),
    BASELINE_SERVER("baseline server JVM"),
    LOAD_TOOL("load tool (this JVM, jstat)"),
    OTHER("other processes on the machine");

    private final String label;

    ProcessGroup(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
