/**
 * Parameter initialisations with PyTorch 1.7 semantics ({@link Init}), every draw from an explicit seeded
 * {@code SplittableRandom}. It depends only on {@code org.hmem.engine.nn} (it fills {@code Parameter}s) and may use
 * {@code tensor} and {@code simd}; {@code nn} does not depend on it. Like all of {@code org.hmem.engine} it knows
 * nothing of tasks, command lines, data sets or plots.
 */
package org.hmem.engine.init;
