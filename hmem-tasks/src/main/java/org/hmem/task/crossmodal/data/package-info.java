/**
 * The data of the cross-modal associations task and of the digit classifiers' pretraining (spec §6.3, §8.10):
 * finding the Free Spoken Digit Dataset and MNIST ({@link org.hmem.task.crossmodal.data.CrossModalFiles}), reading
 * the recordings ({@link org.hmem.task.crossmodal.data.WavReader}) and turning each into the reference's 30 × 20 MFCC
 * image ({@link org.hmem.task.crossmodal.data.Mfcc}), caching the preprocessed FSDD splits
 * ({@link org.hmem.task.crossmodal.data.FsddSplits}), reading the MNIST idx files
 * ({@link org.hmem.task.crossmodal.data.MnistImages}), and drawing the task's episodes
 * ({@link org.hmem.task.crossmodal.data.CrossModalEpisodeSampler}). Both data sets are seen through
 * {@link org.hmem.task.crossmodal.data.LabelledImages}, so samplers and classifiers do not care which one they get.
 * It depends only on the JDK, JTransforms (the FFT) and {@code org.hmem.engine.io} (atomic cache writes).
 */
package org.hmem.task.crossmodal.data;
