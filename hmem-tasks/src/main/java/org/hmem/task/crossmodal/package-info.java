/**
 * The cross-modal associations task: its flags ({@link CrossModalFlags}), the spiking model ({@link CrossModalModel})
 * with the frozen-CNN spike caches, the ReLU baseline ({@link CrossModalModelRelu}), the objective with its
 * recognisability metric ({@link CrossModalObjective}, {@link Recognisability}, {@link DigitClassifier}), the epoch
 * data and the runner ({@link CrossModalTask}), and the plots ({@link CrossModalPlotTask}). It depends on the engine,
 * on its data loader {@code org.hmem.task.crossmodal.data}, and on {@code org.hmem.task.flags}, {@code model},
 * {@code train} and {@code plot}; it must not depend on the other tasks, on {@code bench}, nor on its {@code pretrain} subpackage
 * (which uses it).
 */
package org.hmem.task.crossmodal;
