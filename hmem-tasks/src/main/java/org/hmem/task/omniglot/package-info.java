/**
 * The Omniglot one-shot task: its flags ({@link OmniglotFlags}), the spiking model ({@link OmniglotModel}) with the
 * frozen-CNN spike cache, the epoch data and the runner ({@link OmniglotTask}). It depends on the engine, on
 * its data loader {@code org.hmem.task.omniglot.data}, and on {@code org.hmem.task.flags}, {@code model},
 * {@code train} and {@code plot}; it must not depend on the other tasks nor on {@code bench}.
 */
package org.hmem.task.omniglot;
