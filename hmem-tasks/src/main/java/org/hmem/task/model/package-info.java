/**
 * Model settings that every task's spiking H-Mem model shares: {@link MemoryFlags} (sizes, memory and neuron flags),
 * {@link NeuronParams} and {@link HebbianParams}, which turn flag values into the engine's neuron model, surrogate
 * gradient and plasticity rule; and the stores of a spiking CNN's output spikes that the image tasks share
 * ({@link SpikeCache} for a frozen CNN, {@link SampleSpikeMemo} within a training step). It depends on the engine and on {@code org.hmem.task.flags} only; it must not depend
 * on the task packages ({@code associations}, {@code babi}, {@code omniglot}, ...), {@code train}, {@code plot} or {@code bench}.
 */
package org.hmem.task.model;
