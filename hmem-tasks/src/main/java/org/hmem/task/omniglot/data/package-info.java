/**
 * The Omniglot data of the one-shot tasks and of ProtoNet pretraining (spec §6.2): finding the official image zips
 * and Vinyals split files ({@link org.hmem.task.omniglot.data.OmniglotFiles}), turning a split into 28×28 binary
 * images exactly as the reference preprocesses them ({@link org.hmem.task.omniglot.data.OmniglotPreprocessing},
 * {@link org.hmem.task.omniglot.data.OmniglotSplit}), caching processed splits so that later runs start in a moment
 * ({@link org.hmem.task.omniglot.data.OmniglotSplitLoader}), and the random-access episodic and prototypical batch
 * samplers ({@link org.hmem.task.omniglot.data.EpisodeSampler},
 * {@link org.hmem.task.omniglot.data.PrototypicalBatchSampler}). It depends only on the JDK and
 * {@code org.hmem.engine.io} (atomic cache writes), so the data set code stays apart from models and training.
 */
package org.hmem.task.omniglot.data;
