/**
 * Surrogate gradients: the pseudo-derivatives used in place of the Heaviside step's derivative during backpropagation
 * ({@link SurrogateGradient}, {@link TriangleSurrogate}), injected into neuron models. Its only hmem dependency is
 * {@code org.hmem.engine.simd}, for the SIMD form ({@code VectorSurrogate}) a surrogate may offer. Like all of
 * {@code org.hmem.engine} it knows nothing of tasks, command lines, data sets or plots.
 */
package org.hmem.engine.surrogate;
