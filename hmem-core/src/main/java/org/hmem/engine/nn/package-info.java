/**
 * Parameters and layers from which models are built: {@link Parameter}, {@link Module} and the per-worker
 * {@link Gradients}; the layers ({@link Linear}, {@link Embedding}, {@link EncodingLayer}, {@link DenseLayer}, the
 * spiking and ReLU writing and reading layers, {@link SpikingStack}), {@link HebbianMemory},
 * {@link SpikeCountReadout}, {@link CountClassifier}, {@link MemoryCheckpoints} and the records of the state carried
 * between calls. It builds
 * on {@code org.hmem.engine.neuron}, {@code plasticity} and {@code tensor} (and may use {@code surrogate} and
 * {@code simd} below them); it must not use {@code init}, {@code optim}, {@code loss}, {@code io} or {@code parallel},
 * of which {@code init} and {@code optim} depend on it. Like all of {@code org.hmem.engine} it knows nothing of tasks,
 * command lines, data sets or plots.
 */
package org.hmem.engine.nn;
