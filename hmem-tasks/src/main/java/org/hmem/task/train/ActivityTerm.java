package org.hmem.task.train;

/** One spike population that enters the activity regulariser (spec §7.3): a name and its number of neurons. */
public record ActivityTerm(String name, int neurons) {
}
