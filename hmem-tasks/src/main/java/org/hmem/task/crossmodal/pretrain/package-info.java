/**
 * {@code hmem cross-modal pretrain}: training and testing the ANN digit classifiers of the cross-modal task (spec
 * §5.1, §8.10), a ProtoNet encoder with a 64 → 10 linear head trained with cross-entropy on MNIST images or on FSDD
 * MFCC images, whose convolution weights the spiking cross-modal model starts from.
 * {@link org.hmem.task.crossmodal.pretrain.CrossModalPretrain} is the entry point,
 * {@link org.hmem.task.crossmodal.pretrain.DigitClassifierFlags} its flags,
 * {@link org.hmem.task.crossmodal.pretrain.DigitClassifierTraining} the epoch loop,
 * {@link org.hmem.task.crossmodal.DigitClassifier} the network (shared with the task, which judges reconstructions
 * with it),
 * {@link org.hmem.task.crossmodal.pretrain.DigitClassifierCheckpoint} its safetensors file (which also reads the
 * shipped classifiers) and {@link org.hmem.task.crossmodal.pretrain.DigitData} the data of one
 * {@link org.hmem.task.crossmodal.pretrain.Modality}. It depends on the engine, {@code org.hmem.task.flags},
 * {@code org.hmem.task.model} (finding the shipped files), {@code org.hmem.task.train} (shared flags, run names,
 * failures), {@code org.hmem.task.crossmodal.data} and the task package {@code org.hmem.task.crossmodal} (flag
 * declarations, the classifier); nothing else.
 */
package org.hmem.task.crossmodal.pretrain;
