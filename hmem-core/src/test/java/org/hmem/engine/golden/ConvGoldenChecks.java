package org.hmem.engine.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hmem.engine.conv.SpikingConv2d;
import org.hmem.engine.conv.SpikingMaxPool2d;
import org.hmem.engine.conv.SpikingProtoNet;
import org.hmem.engine.conv.ThresholdBalancing;
import org.hmem.engine.neuron.IafPscDelta;
import org.hmem.engine.neuron.SpikeTrain;
import org.hmem.engine.nn.EncodingLayer;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.SpikingStack;
import org.hmem.engine.surrogate.TriangleSurrogate;

/**
 * Golden checks of the spiking CNN (spec §3.3, §5.2, §5.3): one conv + pool block, the whole converted prototypical
 * network with the shipped weights, and data-based threshold balancing. The reference stores frames channel-major
 * (C, H, W); the engine works in height-width-channel layout, so tensors are converted at the boundary.
 */
public final class ConvGoldenChecks {

    private ConvGoldenChecks() {
    }

    public static Map<String, GoldenCheck> all() {
        Map<String, GoldenCheck> m = new LinkedHashMap<>();
        m.put("spiking_conv2d_maxpool", ConvGoldenChecks::block);
        m.put("spiking_protonet", ConvGoldenChecks::protoNet);
        m.put("spiking_protonet_threshold_balancing", ConvGoldenChecks::thresholdBalancing);
        return m;
    }

    /** {@code steps} frames of (c, h, w) starting at {@code off} of {@code chw}, to (h, w, c) frames. */
    static float[] toHwc(double[] chw, int off, int steps, int c, int h, int w) {
        float[] out = new float[steps * c * h * w];
        int frame = c * h * w;
        for (int t = 0; t < steps; t++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < h * w; p++) {
                    out[t * frame + p * c + ch] = (float) chw[off + t * frame + ch * h * w + p];
                }
            }
        }
        return out;
    }

    /** The inverse of {@link #toHwc}, written into {@code out} at {@code outOff}. */
    static void toChw(float[] hwc, int steps, int c, int h, int w, float[] out, int outOff) {
        int frame = c * h * w;
        for (int t = 0; t < steps; t++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < h * w; p++) {
                    out[outOff + t * frame + ch * h * w + p] = hwc[t * frame + p * c + ch];
                }
            }
        }
    }

    private static double dot(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** The block as two layers (convolution, max-pool) and as the pooled convolution the CNN uses. */
    static void block(GoldenCase c) {
        blockAsLayers(c, false);
        blockAsLayers(c, true);
    }

    private static void blockAsLayers(GoldenCase c, boolean fused) {
        int batch = c.configInt("batch_size"), steps = c.configInt("num_time_steps");
        int cin = c.configInt("in_channels"), cout = c.configInt("out_channels");
        int h = c.configInt("height"), w = c.configInt("width");
        assertFalse(c.configBool("perfect_reset"), "the spiking CNN resets by subtraction");
        assertEquals(1.0, c.config("dampening_factor"));
        assertEquals(3, c.configInt("kernel_size"));
        assertEquals(2, c.configInt("pool_kernel"));
        boolean bias = c.configBool("use_bias");
        SpikingConv2d conv = new SpikingConv2d("block", cin, cout, h, w, bias, (float) c.config("thr"),
                c.configInt("refractory_time_steps"), fused);
        conv.weight().set(c.parameter("conv2d.weight").floats());
        if (bias) {
            conv.bias().set(c.parameter("conv2d.bias").floats());
        }
        SpikingStack stack = new SpikingStack(fused ? List.of(conv) : List.of(conv, new SpikingMaxPool2d(cout, h, w)));
        int in = cin * h * w, n = cout * h * w, np = stack.outputSize();
        float[] convSpikes = new float[batch * steps * n], pooled = new float[batch * steps * np];
        float maxPre = Float.NEGATIVE_INFINITY;
        // the pooled layer has no gradient record for its unpooled spikes, so only loss_pool applies to it
        for (String loss : fused ? List.of("loss_pool") : List.of("loss_pool", "loss_conv")) {
            boolean atPool = loss.equals("loss_pool");
            String what = (fused ? "pooled conv: " : "") + loss;
            GoldenCase.Ref r = c.input(atPool ? "r_pool" : "r_conv");
            Gradients grads = new Gradients(stack.parameters());
            float[] gx = new float[batch * steps * in];
            double value = 0;
            for (int b = 0; b < batch; b++) {
                float[] x = toHwc(c.input("x").values(), b * steps * in, steps, cin, h, w);
                SpikingStack.Tape tape = stack.newTape();
                SpikingConv2d.Tape convTape = tape.layer(0, SpikingConv2d.Tape.class);
                convTape.trackMaxPreActivation(true);
                stack.forward(x, 0, steps, tape);
                toChw(convTape.spikes(), steps, cout, h, w, convSpikes, b * steps * n);
                toChw(tape.output().spikes(), steps, cout, h / 2, w / 2, pooled, b * steps * np);
                maxPre = Math.max(maxPre, convTape.maxPreActivation());
                SpikeTrain target = atPool ? tape.output() : convTape.output();
                float[] rb = toHwc(r.values(), b * steps * target.size(), steps, cout, atPool ? h / 2 : h,
                        atPool ? w / 2 : w);
                value += dot(target.spikes(), rb, rb.length);
                System.arraycopy(rb, 0, target.gradient(), 0, rb.length);
                float[] gxb = new float[steps * in];
                stack.backward(tape, grads, gxb, 0, null, 0);
                toChw(gxb, steps, cin, h, w, gx, b * steps * in);
            }
            Compare.exact("conv spikes", c.output("conv_spikes").values(), convSpikes, convSpikes.length);
            Compare.exact("pooled spikes", c.output("pooled_spikes").values(), pooled, pooled.length);
            Compare.close("max pre-activation", c.output("max_pre_activation").values()[0], maxPre,
                    Compare.FORWARD);
            Compare.close(what, c.loss(loss), value, Compare.FORWARD);
            grads.addTo();
            Map<String, GoldenCase.Ref> g = c.grads(loss);
            Compare.close("d " + what + " / d weight", g.get("conv2d.weight").values(), conv.weight().grad(),
                    conv.weight().size(), Compare.GRADIENT);
            if (bias) {
                Compare.close("d " + what + " / d bias", g.get("conv2d.bias").values(), conv.bias().grad(), cout,
                        Compare.GRADIENT);
            }
            Compare.close("d " + what + " / d x", g.get("x").values(), gx, gx.length, Compare.GRADIENT);
            for (var p : stack.parameters()) {
                p.zeroGrad();
            }
        }
    }

    /** The network of a spiking_protonet case: shipped weights, aux encoding with the case's LIF neuron. */
    private static SpikingProtoNet network(GoldenCase c) throws Exception {
        int steps = c.configInt("num_time_steps");
        IafPscDelta lif = new IafPscDelta((float) c.config("encoding_neuron", "thr"),
                c.configBool("encoding_neuron", "perfect_reset"),
                c.configInt("encoding_neuron", "refractory_time_steps"),
                (float) c.config("encoding_neuron", "tau_mem"),
                new TriangleSurrogate((float) c.config("encoding_neuron", "dampening_factor")));
        SpikingProtoNet net = new SpikingProtoNet("net", 28, 28, steps, lif, c.configBool("use_bias"), 0f, 0);
        for (int i = 0; i < SpikingProtoNet.BLOCKS; i++) {
            net.convolutions().get(i).weight().set(c.external("encoder." + i + ".0.conv2d.weight").floats());
        }
        return net;
    }

    static void protoNet(GoldenCase c) throws Exception {
        int batch = c.configInt("batch_size"), steps = c.configInt("num_time_steps");
        SpikingProtoNet net = network(c);
        net.assignThresholds(c.configFloats("thresholds"), c.configInt("cnn_refractory_time_steps"));
        EncodingLayer aux = net.auxEncoding();
        Gradients grads = new Gradients(net.parameters());
        float[] out = new float[batch * steps * 64];
        float[][] convCounts = new float[SpikingProtoNet.BLOCKS][batch * steps * 64];
        float[][] pooledTotals = new float[SpikingProtoNet.BLOCKS][batch * steps];
        float[] gImages = new float[batch * 784];
        double loss = 0;
        for (int b = 0; b < batch; b++) {
            EncodingLayer.Tape encoded = aux.newTape();
            aux.forward(Layouts.sample(c.input("images"), b), 0, 1, encoded);
            SpikingStack.Tape tape = net.stack().newTape();
            net.stack().forward(encoded.spikes(), 0, encoded.steps(), tape);
            for (int i = 0; i < SpikingProtoNet.BLOCKS; i++) {
                SpikingConv2d.Tape block = tape.layer(i, SpikingConv2d.Tape.class);
                float[] s = block.spikes();
                int size = net.convolutions().get(i).neurons();
                for (int t = 0; t < steps; t++) {
                    for (int k = 0; k < size; k++) {
                        convCounts[i][(b * steps + t) * 64 + k % 64] += s[t * size + k];
                    }
                }
                SpikeTrain p = block.output();
                for (int t = 0; t < steps; t++) {
                    for (int k = 0; k < p.size(); k++) {
                        pooledTotals[i][b * steps + t] += p.spikes()[t * p.size() + k];
                    }
                }
            }
            float[] o = tape.output().spikes();
            System.arraycopy(o, 0, out, b * steps * 64, steps * 64);
            float[] r = Layouts.sample(c.input("r_out"), b);
            loss += dot(o, r, r.length);
            System.arraycopy(r, 0, tape.output().gradient(), 0, r.length);
            net.stack().backward(tape, grads, encoded.output().gradient(), 0, encoded.output().sensitivity(), 0);
            aux.backward(encoded, grads, gImages, b * 784, null, 0);
        }
        Compare.exact("out", c.output("out").values(), out, out.length);
        for (int i = 0; i < SpikingProtoNet.BLOCKS; i++) {
            Compare.exact("layer" + i + " conv spike counts", c.output("layer" + i + "_conv_spike_counts").values(),
                    convCounts[i], convCounts[i].length);
            Compare.exact("layer" + i + " pooled totals", c.output("layer" + i + "_pooled_spike_totals").values(),
                    pooledTotals[i], pooledTotals[i].length);
        }
        Compare.close("loss", c.loss("loss"), loss, Compare.FORWARD);
        grads.addTo();
        Map<String, GoldenCase.Ref> g = c.grads("loss");
        var w0 = net.convolutions().get(0).weight();
        Compare.close("d loss / d encoder.0 weight", g.get("encoder.0.0.conv2d.weight").values(), w0.grad(),
                w0.size(), Compare.GRADIENT);
        Compare.close("d loss / d images", g.get("images").values(), gImages, gImages.length, Compare.GRADIENT);
        for (int i = 1; i < SpikingProtoNet.BLOCKS; i++) {
            String name = "encoder." + i + ".0.conv2d.weight";
            Compare.summary("d loss / d " + name, c.gradSummary("loss", name),
                    net.convolutions().get(i).weight().grad(), Compare.GRADIENT);
        }
    }

    static void thresholdBalancing(GoldenCase c) throws Exception {
        int batch = c.configInt("batch_size");
        SpikingProtoNet net = network(c);
        ThresholdBalancing balancing = new ThresholdBalancing(net, c.configInt("cnn_refractory_time_steps"));
        GoldenCase.Ref maxima = c.output("max_pre_activation");
        for (int call = 0; call < 2; call++) {
            float[] images = c.input("images_call" + (call + 1)).floats();
            float[] m = balancing.balance(images, batch);
            for (int l = 0; l < SpikingProtoNet.BLOCKS; l++) {
                Compare.close("call " + call + " block " + l + " max pre-activation",
                        maxima.values()[(call * 4 + l) * 4 + l], m[l], Compare.FORWARD);
            }
            Compare.close("thresholds after call " + (call + 1),
                    c.output("thresholds_after_call" + (call + 1)).values(), net.thresholds(), 4, Compare.FORWARD);
        }
        for (int l = 0; l < SpikingProtoNet.BLOCKS; l++) {
            assertEquals(c.output("refractory_after_call2").values()[l],
                    net.convolutions().get(l).refractorySteps());
        }
    }
}
