/**
 * The Concentration task (spec §4.8, §4.9, §8.8, §9): an agent with a Hebbian episodic memory learns by PPO to play
 * the one-player memory card game in as few flips as possible. Flags, the run (train / resume / evaluate with the
 * optimum next to it), the policies built from {@code task.rl}'s cores, and the plots.
 */
package org.hmem.task.concentration;
