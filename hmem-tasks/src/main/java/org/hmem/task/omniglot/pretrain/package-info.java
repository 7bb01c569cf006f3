/**
 * {@code hmem omniglot pretrain}: training and testing the ANN prototypical network on Omniglot with the
 * prototypical loss (spec §2.4, §5.1, §6.2, §8.9), the network whose convolution weights the spiking Omniglot and
 * cross-modal tasks start from. {@link org.hmem.task.omniglot.pretrain.OmniglotPretrain} is the entry point,
 * {@link org.hmem.task.omniglot.pretrain.PretrainFlags} its flags, {@link
 * org.hmem.task.omniglot.pretrain.ProtoNetPretraining} the epoch loop, {@link
 * org.hmem.task.omniglot.pretrain.ProtoNetEpisodes} one episode through the network and the loss, and {@link
 * org.hmem.task.omniglot.pretrain.ProtoNetCheckpoint} the safetensors file that the H-Mem tasks read back. It depends
 * on the engine, {@code org.hmem.task.flags}, {@code org.hmem.task.train} (shared flags, run names, failures) and
 * {@code org.hmem.task.omniglot.data}; nothing else (in particular not the one-shot task
 * {@code org.hmem.task.omniglot}).
 */
package org.hmem.task.omniglot.pretrain;
