package org.hmem.task.flags;

/** The sections of a command's help, in this order. */
public enum FlagGroup {
    MODEL("Model"),
    TRAINING("Training"),
    DATA("Data"),
    OUTPUT("Output"),
    RUN("Run");

    private final String heading;

    FlagGroup(String heading) {
        this.heading = heading;
    }

    public String heading() {
        return heading;
    }
}
