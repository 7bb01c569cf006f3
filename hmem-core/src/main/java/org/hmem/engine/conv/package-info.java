/**
 * Convolutional encoders (spec §3.3, §5): the spiking CNN ({@link SpikingConv2d}, {@link SpikingMaxPool2d}, the
 * converted prototypical network {@link SpikingProtoNet} and its {@link ThresholdBalancing}) and the ANN it is
 * converted from ({@link ProtoNet} with its convolution, batch-norm, ReLU and max-pool layers), used by the ReLU models
 * and for pretraining. The spiking layers are {@code nn.SpikingLayer}s built on {@code neuron}; the package may use
 * {@code init} for its initialisers but none of {@code optim}, {@code loss}, {@code io} or {@code parallel}. Like all
 * of {@code org.hmem.engine} it knows nothing of tasks, data sets or command lines.
 */
package org.hmem.engine.conv;
