/**
 * Optimisation of parameters from their gradients: the {@link Optimizer} contract, {@link Adam} with PyTorch 1.7
 * semantics, global-norm {@link GradientClipping} and the learning rate's {@link StepDecaySchedule}. It depends on
 * {@code org.hmem.engine.nn} ({@code Parameter}) and {@code tensor} (the optimiser state as tensors) and may use
 * {@code simd}. Like all of {@code org.hmem.engine} it knows nothing of tasks, command lines, data sets or plots.
 */
package org.hmem.engine.optim;
