/**
 * Randomness the episode samplers of the image tasks share: independent, reproducible streams per (seed, epoch,
 * batch, episode) ({@link SamplerSeeds}) and draws without replacement ({@link RandomDraws}). It depends on nothing
 * but the JDK.
 */
package org.hmem.task.sampling;
