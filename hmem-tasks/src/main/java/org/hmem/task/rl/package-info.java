/**
 * Recurrent actor-critic reinforcement learning on the engine (spec §3.8, §9.3–§9.6): the {@link
 * org.hmem.task.rl.RecurrentCore} contract a memory network implements to be carried from environment step to
 * environment step, the actor / critic heads with the categorical action distribution, the rollout storage with
 * discounted returns, and the PPO loss and update. It knows no environment and no task.
 */
package org.hmem.task.rl;
