/**
 * The Concentration card game as a reinforcement-learning environment (spec §9.1–9.2): the single game
 * ({@link org.hmem.task.concentration.env.Concentration}, its settings
 * {@link org.hmem.task.concentration.env.ConcentrationConfig} and card images
 * {@link org.hmem.task.concentration.env.Deck}), the vector of games a policy rollout steps
 * ({@link org.hmem.task.concentration.env.VecEnv}), the fixed deck's file ({@link
 * org.hmem.task.concentration.env.DeckFile}, a {@code .npy} array through {@link org.hmem.task.concentration.env.Npy}),
 * the optimum a player with perfect memory reaches ({@link org.hmem.task.concentration.env.OptimalFlips}, played by
 * {@link org.hmem.task.concentration.env.OptimalPlayer}), and a terminal game for people
 * ({@link org.hmem.task.concentration.env.HumanGame}). It depends only on the JDK, on
 * {@code org.hmem.engine.parallel} and {@code org.hmem.engine.io}, and on {@code org.hmem.task.sampling} for the
 * games' random streams.
 */
package org.hmem.task.concentration.env;
