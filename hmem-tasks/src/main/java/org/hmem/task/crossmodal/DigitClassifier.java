package org.hmem.task.crossmodal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.hmem.engine.conv.ProtoNet;
import org.hmem.engine.conv.SampleRunner;
import org.hmem.engine.init.Init;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Linear;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.tensor.FloatOps;
import org.hmem.engine.tensor.Tensor;

/**
 * The reference's {@code DigitClassifier} (spec §5.1): the four-block ProtoNet encoder (batch norm only if asked)
 * and a linear head 64 → 10 with bias, for inputs whose four pools end at 1 × 1 (28 × 28 MNIST, 30 × 20 MFCC).
 * State-dict names are the reference's, without prefix: {@code encoder.{i}.0.weight} (with batch norm also
 * {@code encoder.{i}.1.*}), {@code linear.weight}, {@code linear.bias}. Keeps the activations of its last forward
 * for backward, so one instance serves one thread.
 */
public final class DigitClassifier {

    /** The digits. */
    public static final int CLASSES = 10;

    private final ProtoNet encoder;
    private final Linear linear = new Linear("linear", ProtoNet.CHANNELS, CLASSES, true);
    private final int height;
    private final int width;
    private final List<Parameter> parameters;
    private final ProtoNet.Tape tape;
    private float[] embeddings;
    private float[] logits = new float[0];
    private float[] gEmbeddings = new float[0];
    private int batch;

    /** A classifier of {@code height × width} images with all weights zero (see {@link #initialise}). */
    public DigitClassifier(boolean useBatchNorm, int height, int width) {
        if (ProtoNet.reducedSize(height) != 1 || ProtoNet.reducedSize(width) != 1) {
            throw new IllegalArgumentException(height + "x" + width + " images do not pool to 1x1");
        }
        this.encoder = new ProtoNet("", 1, ProtoNet.CHANNELS, useBatchNorm, true);
        this.height = height;
        this.width = width;
        List<Parameter> all = new ArrayList<>(encoder.parameters());
        all.addAll(linear.parameters());
        this.parameters = List.copyOf(all);
        this.tape = encoder.newTape();
    }

    /**
     * PyTorch's default initialisation, which the reference keeps: every convolution and the linear weight and
     * bias U(−1/√fan_in, 1/√fan_in) ({@code kaiming_uniform(a = √5)}; fan_in = 9·C_in, resp. 64); batch norm at
     * weight 1, bias 0.
     */
    public DigitClassifier initialise(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < ProtoNet.BLOCKS; i++) {
            Parameter w = encoder.conv(i).weight();
            Init.uniform(w, 1 / Math.sqrt(w.size() / (double) w.dim(0)), rng);
        }
        Init.linearDefault(linear.weight(), linear.in(), rng);
        Init.linearDefault(linear.bias(), linear.in(), rng);
        return this;
    }

    public boolean useBatchNorm() {
        return encoder.useBatchNorm();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Floats per input image. */
    public int imageSize() {
        return height * width;
    }

    /** Every parameter and buffer, encoder first. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** A copy of every parameter and buffer under its state-dict name. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            state.put(p.name(), new Tensor(p.shape(), p.data().clone()));
        }
        return state;
    }

    /**
     * Copies every parameter and buffer from {@code state} (a leading {@code module.} is ignored). Strict, as
     * PyTorch's {@code load_state_dict}; nothing changes when it fails.
     *
     * @throws IllegalArgumentException naming the missing, unexpected or misshapen entries
     */
    public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> encoderPart = new LinkedHashMap<>();
        Map<String, Tensor> head = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String key = e.getKey().startsWith("module.") ? e.getKey().substring(7) : e.getKey();
            (key.startsWith("linear.") ? head : encoderPart).put(key, e.getValue());
        }
        checkHead(head);
        encoder.loadStateDict(encoderPart);
        for (Parameter p : linear.parameters()) {
            p.set(head.get(p.name()).data());
        }
    }

    private void checkHead(Map<String, Tensor> head) {
        List<String> problems = new ArrayList<>();
        for (Parameter p : linear.parameters()) {
            Tensor t = head.get(p.name());
            if (t == null) {
                problems.add("missing " + p.name());
            } else if (!Arrays.equals(t.shape(), p.shape())) {
                problems.add(p.name() + " has shape " + Arrays.toString(t.shape()) + ", not "
                        + Arrays.toString(p.shape()));
            }
        }
        List<String> unexpected = head.keySet().stream()
                .filter(k -> linear.parameters().stream().noneMatch(p -> p.name().equals(k))).toList();
        if (!unexpected.isEmpty()) {
            problems.add("unexpected " + unexpected);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the linear head does not match: " + String.join(", ", problems));
        }
    }

    /**
     * The logits (n, 10) of {@code n} images (n, height, width) in {@code x}; {@code training} selects batch
     * statistics in the batch norms. The returned array is reused by the next call and may be longer than needed;
     * {@code x} must stay unchanged until {@link #backward}.
     */
    public float[] forward(float[] x, int n, boolean training, SampleRunner runner) {
        embeddings = encoder.forward(x, n, height, width, training, tape, runner);
        logits = FloatOps.ensure(logits, n * CLASSES);
        linear.forward(embeddings, 0, n, logits, 0);
        batch = n;
        return logits;
    }

    /** Backward of the last forward: adds the parameter gradients of {@code dL/dlogits} into {@code grads}. */
    public void backward(float[] gLogits, Gradients grads, SampleRunner runner) {
        gEmbeddings = FloatOps.ensureZeroed(gEmbeddings, batch * ProtoNet.CHANNELS);
        linear.backward(gLogits, 0, embeddings, 0, batch, grads, gEmbeddings, 0);
        encoder.backward(tape, gEmbeddings, grads, null, runner);
    }
}
