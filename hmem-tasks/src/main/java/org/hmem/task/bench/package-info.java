/**
 * The throughput and memory benchmark ({@link TrainingBenchmark}) of the memorizing-associations training step and
 * forward pass, with its measuring helpers ({@link CpuMeter}, {@link ProcessMemory}, {@link Stats}). It depends on the
 * engine, {@code org.hmem.task.train} and {@code org.hmem.task.associations}, whose model and data it times; it must
 * not depend on {@code babi}, and no package other than {@code org.hmem.cli} may depend on it.
 */
package org.hmem.task.bench;
