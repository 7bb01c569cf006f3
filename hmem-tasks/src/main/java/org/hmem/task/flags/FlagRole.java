package org.hmem.task.flags;

/**
 * What a flag means for a checkpoint (spec §7.6): whether a run continued or evaluated from it takes the flag's value
 * from the checkpoint, and whether a different value given on the command line is refused.
 */
public enum FlagRole {
    /** Defines the model or the task: taken from the checkpoint; a different given value is refused. */
    MODEL,
    /** A training hyper-parameter: taken from the checkpoint when resuming; a different given value is refused. */
    SETTING,
    /** Only about this run (epochs, threads, seeds, logging, paths): never taken from the checkpoint nor checked. */
    RUN
}
