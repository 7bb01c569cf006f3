/**
 * The throughput and memory benchmarks: {@link TrainingBenchmark} of the memorizing-associations model,
 * {@link OmniglotBenchmark} (with {@link OmniglotComponents}) of the Omniglot models on real images. They share the
 * measuring machinery: the repetition policy ({@link Repetitions}, {@link BenchSettings}), the timed loop
 * ({@link TimedLoop}) and the training iteration it times ({@link BenchIteration}), the figures of a measurement
 * ({@link Measurement}, {@link Stats}, {@link CpuMeter}, {@link ProcessMemory}) and one JVM per measurement
 * ({@link ChildJvm}). It depends on the engine, {@code org.hmem.task.flags}, {@code model}, {@code train} and the
 * tasks it times ({@code associations}, {@code omniglot} and its data); it must not depend on {@code babi}, and no
 * package other than {@code org.hmem.cli} may depend on it.
 */
package org.hmem.task.bench;
