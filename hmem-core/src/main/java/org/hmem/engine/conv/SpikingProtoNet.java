package org.hmem.engine.conv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hmem.engine.neuron.NeuronModel;
import org.hmem.engine.nn.EncodingLayer;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.nn.SpikingLayer;
import org.hmem.engine.nn.SpikingStack;
import org.hmem.engine.tensor.Tensor;

/**
 * The spiking CNN converted from a prototypical network (spec §5.2): four blocks of a {@link SpikingConv2d}
 * (3x3, 1 -> 64 -> 64 -> 64 -> 64 channels) with its 2x2 max-pool (the layer's pooled mode), chained as one
 * {@link SpikingStack}, from
 * a spike train of (h, w) frames (28x28 images, 30x20 MFCCs) to 64 output neurons (1x1 after four poolings). Its
 * {@code aux_encoding} (a frozen all-ones {@link EncodingLayer}) turns images into spikes for data-based threshold
 * balancing only ({@link ThresholdBalancing}); the models encode their inputs with their own encoders.
 *
 * <p>Parameter names are the reference's: {@code <prefix>.aux_encoding.encoding},
 * {@code <prefix>.encoder.<i>.0.conv2d.weight} (and {@code .bias}).
 */
public final class SpikingProtoNet implements Module {

    /** Blocks of the network and their channels. */
    public static final int BLOCKS = 4;
    public static final int CHANNELS = 64;

    private final EncodingLayer auxEncoding;
    private final List<SpikingConv2d> convs = new ArrayList<>();
    private final SpikingStack stack;
    private final int h;
    private final int w;

    /**
     * @param encodingNeuron the task's LIF neuron, used by the auxiliary encoding
     * @param bias whether the convolutions have biases (spec §5.4)
     * @param thr the threshold every block starts with (0 before balancing, or the task's {@code --thr})
     */
    public SpikingProtoNet(String prefix, int h, int w, int steps, NeuronModel encodingNeuron, boolean bias, float thr,
                           int refractory) {
        this.h = h;
        this.w = w;
        this.auxEncoding = new EncodingLayer(prefix + ".aux_encoding", 1, h * w, 1, steps, false, false,
                encodingNeuron);
        List<SpikingLayer<?>> layers = new ArrayList<>();
        int ch = 1, hh = h, ww = w;
        for (int i = 0; i < BLOCKS; i++) {
            SpikingConv2d conv = new SpikingConv2d(prefix + ".encoder." + i + ".0", ch, CHANNELS, hh, ww, bias, thr,
                    refractory, true);
            convs.add(conv);
            layers.add(conv);
            ch = CHANNELS;
            hh = conv.outHeight();
            ww = conv.outWidth();
        }
        if (hh != 1 || ww != 1) {
            throw new IllegalArgumentException(h + "x" + w + " frames pool to " + hh + "x" + ww + ", not 1x1");
        }
        this.stack = new SpikingStack(layers);
    }

    /** The four blocks' convolutions. */
    public List<SpikingConv2d> convolutions() {
        return convs;
    }

    /** The chain of the four pooled convolutions: input (steps, h * w) spikes, output (steps, 64). */
    public SpikingStack stack() {
        return stack;
    }

    public EncodingLayer auxEncoding() {
        return auxEncoding;
    }

    public int height() {
        return h;
    }

    public int width() {
        return w;
    }

    @Override
    public List<Parameter> parameters() {
        return Module.collect(auxEncoding, stack);
    }

    /** Sets every block's threshold and refractory period (the "assign" mode of spec §5.3). */
    public void assignThresholds(float[] thresholds, int refractory) {
        if (thresholds.length != BLOCKS) {
            throw new IllegalArgumentException("need " + BLOCKS + " thresholds, got " + thresholds.length);
        }
        for (int i = 0; i < BLOCKS; i++) {
            convs.get(i).setThreshold(thresholds[i], refractory);
        }
    }

    /** The blocks' thresholds. */
    public float[] thresholds() {
        float[] t = new float[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            t[i] = convs.get(i).threshold();
        }
        return t;
    }

    /**
     * Replaces the convolution weights by a pretrained prototypical network's ({@code encoder.<i>.0.weight}, keys
     * optionally prefixed {@code module.}); nothing else is loaded (spec §5.2).
     */
    public void loadPretrained(Map<String, Tensor> stateDict) {
        for (int i = 0; i < BLOCKS; i++) {
            String key = "encoder." + i + ".0.weight";
            Tensor t = stateDict.containsKey(key) ? stateDict.get(key) : stateDict.get("module." + key);
            if (t == null) {
                throw new IllegalArgumentException("the pretrained network has no " + key + " (keys: "
                        + stateDict.keySet() + ")");
            }
            Parameter p = convs.get(i).weight();
            if (!java.util.Arrays.equals(t.shape(), p.shape())) {
                throw new IllegalArgumentException(key + " has shape " + java.util.Arrays.toString(t.shape())
                        + ", the network needs " + java.util.Arrays.toString(p.shape()));
            }
            p.set(t.data());
        }
    }
}
