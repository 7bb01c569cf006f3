/**
 * Files the engine reads and writes: checkpoints in the safetensors format ({@link Safetensors},
 * {@link SafetensorsFile}, {@link CheckpointFormatException}), atomic replacement of a file ({@link AtomicFiles}) and
 * the project version recorded in checkpoints ({@link HmemVersion}). Its only hmem dependency is
 * {@code org.hmem.engine.tensor} ({@code Tensor}); the safetensors JSON header is handled with Gson. Like all of
 * {@code org.hmem.engine} it knows nothing of tasks, command lines, data sets or plots.
 */
package org.hmem.engine.io;
