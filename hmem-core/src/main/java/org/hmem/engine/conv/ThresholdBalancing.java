package org.hmem.engine.conv;

import org.hmem.engine.nn.EncodingLayer;
import org.hmem.engine.nn.SpikingStack;

/**
 * Data-based threshold balancing, the ANN -> SNN conversion of spec §5.3: for block i = 0..3 in order, run the
 * whole spiking CNN on the auxiliary encoding of a batch of images (blocks before i already carry their new
 * thresholds, blocks from i on their old ones, initially 0), take the largest pre-activation of block i over all
 * steps, images and neurons, and raise block i's threshold to it (a running maximum over the batches it is called
 * with), with the refractory period of the task. Forward only.
 */
public final class ThresholdBalancing {

    private final SpikingProtoNet net;
    private final int refractory;
    private final EncodingLayer.Tape encoded;
    private final SpikingStack.Tape tape;

    public ThresholdBalancing(SpikingProtoNet net, int refractory) {
        this.net = net;
        this.refractory = refractory;
        this.encoded = net.auxEncoding().newTape();
        this.tape = net.stack().newTape();
        for (int i = 0; i < SpikingProtoNet.BLOCKS; i++) {
            tape.layer(i, SpikingConv2d.Tape.class).trackMaxPreActivation(true);
        }
    }

    /**
     * Balances on {@code count} images, {@code images[b * h * w ..]} (pixel values as currents).
     *
     * @return per block the largest pre-activation of this batch in that block's pass
     */
    public float[] balance(float[] images, int count) {
        int n = net.height() * net.width();
        float[] maxima = new float[SpikingProtoNet.BLOCKS];
        for (int i = 0; i < SpikingProtoNet.BLOCKS; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int b = 0; b < count; b++) {
                net.auxEncoding().forward(images, b * n, 1, encoded);
                net.stack().forward(encoded.spikes(), 0, encoded.steps(), tape);
                max = Math.max(max, tape.layer(i, SpikingConv2d.Tape.class).maxPreActivation());
            }
            SpikingConv2d conv = net.convolutions().get(i);
            conv.setThreshold(Math.max(conv.threshold(), max), refractory);
            maxima[i] = max;
        }
        return maxima;
    }
}
