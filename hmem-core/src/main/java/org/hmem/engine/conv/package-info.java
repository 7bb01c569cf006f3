/**
 * Convolutional encoders (spec §3.3, §5): the spiking CNN ({@link SpikingConv2d} with its pooled mode,
 * {@link SpikingMaxPool2d}, the converted prototypical network {@link SpikingProtoNet}, its
 * {@link ThresholdBalancing}, and {@link SpikingImageEncoder}, which turns one image into spikes with a tape of one
 * image) and the ANN it is converted from ({@link ProtoNet} with {@link Conv2d}, {@link BatchNorm2d} and
 * {@link ReluMaxPool} on channel-last activations, spread over threads by a {@link SampleRunner}), used by the ReLU
 * models and for pretraining; {@link Relu} serves the ReLU models' other layers. The
 * spiking layers are {@code nn.SpikingLayer}s built on {@code neuron}; the package may use {@code init} and
 * {@code parallel} but none of {@code optim}, {@code loss} or {@code io}. Like all of {@code org.hmem.engine} it knows
 * nothing of tasks, data sets or command lines.
 */
package org.hmem.engine.conv;
