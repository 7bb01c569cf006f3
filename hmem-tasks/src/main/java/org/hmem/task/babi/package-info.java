/**
 * The bAbI question-answering task: its flags ({@link BabiFlags}), model and epoch data, the runner for one or all
 * twenty tasks ({@link BabiTask}) and the plot command with its figures ({@link BabiPlotTask}). It depends on the
 * engine, on its data loader {@code org.hmem.task.babi.data}, and on {@code org.hmem.task.flags}, {@code model},
 * {@code train} and {@code plot}; it must not depend on the other task, {@code associations}, nor on {@code bench}.
 */
package org.hmem.task.babi;
