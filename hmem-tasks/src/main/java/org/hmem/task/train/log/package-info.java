/**
 * Scalar logs of a training run: the {@link ScalarLogger} sink, a TensorBoard event-file writer
 * ({@link TensorBoardWriter}, with its hand-written protobuf and TFRecord encoding), a CSV writer
 * ({@link CsvScalarWriter}) and {@link CompositeLogger} to write to several at once. It imports nothing of hmem, only
 * the JDK; the training loop in {@code org.hmem.task.train} uses it, never the other way round.
 */
package org.hmem.task.train.log;
