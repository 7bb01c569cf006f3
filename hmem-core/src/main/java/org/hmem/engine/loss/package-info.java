/**
 * Loss functions of one sample on flat float arrays: softmax {@link CrossEntropy}, {@link MeanSquaredError} and the
 * firing-rate {@link ActivityRegularizer}, each with its gradient. It imports nothing of hmem today and may use at
 * most {@code org.hmem.engine.tensor} and {@code simd}. Like all of {@code org.hmem.engine} it knows nothing of tasks,
 * command lines, data sets or plots.
 */
package org.hmem.engine.loss;
