/**
 * Deterministic data parallelism: {@link BatchParallel} splits a batch over a fixed number of worker threads so that
 * per-worker results reduced in worker order are identical run after run. It imports nothing of hmem today (only the
 * JDK) and may use at most {@code org.hmem.engine.tensor} and {@code simd}. Like all of {@code org.hmem.engine} it
 * knows nothing of tasks, command lines, data sets or plots.
 */
package org.hmem.engine.parallel;
