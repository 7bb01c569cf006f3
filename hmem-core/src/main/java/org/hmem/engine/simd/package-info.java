/**
 * Explicit SIMD kernels on Java 17's incubating {@code jdk.incubator.vector} API: the switch that says whether the hot
 * loops use them ({@link Simd}), the generic linear-algebra kernels ({@link VectorKernels}) and the lane form of a
 * surrogate gradient ({@link VectorSurrogate}). This is the bottom of the engine: it imports no other hmem package,
 * only the JDK and the Vector API, while {@code tensor}, {@code surrogate}, {@code neuron} and {@code plasticity} call
 * into it. Like all of {@code org.hmem.engine} it knows nothing of tasks, command lines, data sets or plots.
 */
package org.hmem.engine.simd;
