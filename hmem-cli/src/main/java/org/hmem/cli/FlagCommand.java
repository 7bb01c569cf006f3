package org.hmem.cli;

import org.hmem.task.flags.FlagSet;

/** A command whose options are the flags of a task's {@link FlagSet}, registered by {@link FlagOptions}. */
interface FlagCommand {

    FlagSet flags();
}
