/**
 * Spiking neuron dynamics: {@link NeuronModel} (a stateless forward step and its adjoint), the integrate-and-fire
 * models ({@link IafPscDelta}, {@link NonLeakyIafPscDelta}), {@link Population} (one sample's neurons over a sequence
 * with the record that backpropagation through time needs), {@link SpikeTrain} and {@link ExpTrace}, plus
 * package-private SIMD forms of the step and the trace. It depends on {@code org.hmem.engine.surrogate}, {@code simd}
 * and {@code tensor}, and on nothing else of hmem. Like all of {@code org.hmem.engine} it knows nothing of tasks,
 * command lines, data sets or plots.
 */
package org.hmem.engine.neuron;
