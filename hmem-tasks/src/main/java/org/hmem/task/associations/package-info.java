/**
 * The memorizing-associations task: its flags ({@link AssociationsFlags}), sample generator and epoch data, the
 * spiking and ReLU models, the runner ({@link AssociationsTask}) and the plot command with its figures
 * ({@link AssociationsPlotTask}). It depends on the engine and on {@code org.hmem.task.flags}, {@code model},
 * {@code train} and {@code plot}; it must not depend on the other task, {@code babi}, nor on {@code bench}.
 */
package org.hmem.task.associations;
