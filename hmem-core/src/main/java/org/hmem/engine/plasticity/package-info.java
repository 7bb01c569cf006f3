/**
 * Synaptic plasticity rules of the Hebbian memory: {@link PlasticityRule} (an update
 * {@code M <- M + Delta(pre, post, M)} with the vector-Jacobian products backpropagation needs, on a key-major memory
 * layout), the paper's {@link InvertedOjaSoftBound}, and its package-private SIMD form. Today it imports only
 * {@code org.hmem.engine.simd}; it may also use {@code tensor}, but nothing of the neuron, layer or training packages.
 * Like all of {@code org.hmem.engine} it knows nothing of tasks, command lines, data sets or plots.
 */
package org.hmem.engine.plasticity;
