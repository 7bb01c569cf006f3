package org.hmem.task.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hmem.engine.golden.Compare;
import org.hmem.engine.golden.CoreGoldenChecks.Outputs;
import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.Layouts;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.crossmodal.CrossModalBatch;
import org.hmem.task.crossmodal.CrossModalModel;
import org.hmem.task.crossmodal.CrossModalModelConfig;
import org.hmem.task.crossmodal.CrossModalObjective;
import org.hmem.task.model.NeuronParams;
import org.hmem.task.train.StepResult;
import org.hmem.task.train.SupervisedStep;

/**
 * The whole spiking cross-modal model (spec §4.5) against the reference: both pretrained CNNs with the table
 * thresholds and conv biases, writing, reading, the spiking decoder and its count output; the MSE, the activity
 * regulariser from epoch 0, and the gradients of both losses w.r.t. every trainable parameter (large ones as
 * summaries). Spikes must match exactly; continuous values within {@link Compare#FORWARD}, gradients within
 * {@link Compare#GRADIENT} (float32 engine against float64 reference).
 */
final class CrossModalGolden {

    static final String KIND = "model_cross_modal";

    private CrossModalGolden() {
    }

    static void check(GoldenCase c) throws Exception {
        int batch = c.configInt("batch_size"), l = c.configInt("sequence_length"), t = c.configInt("num_time_steps");
        int m = c.configInt("memory_size");
        assertEquals(CrossModalModelConfig.EMBEDDING, c.configInt("embedding_size"));
        assertEquals(CrossModalModelConfig.IMAGE_PIXELS, c.configInt("output_size"));
        assertEquals(CrossModalModel.OUTPUT_DIVISOR, (float) c.config("output_divisor"));
        int[] mfccShape = c.input("mfcc").shape();
        CrossModalModelConfig cfg = new CrossModalModelConfig(l, mfccShape[3], mfccShape[4], t, m,
                c.configInt("readout_delay"), ModelGoldenChecks.hebbian(c), neuron(c), c.configBool("use_bias"),
                false);
        CrossModalModel model = new CrossModalModel(cfg, 0);
        load(c, model);
        int refractory = c.configInt("cnn_refractory_time_steps");
        model.mfccCnn().assignThresholds(c.configFloats("mfcc_cnn_thresholds"), refractory);
        model.imageCnn().assignThresholds(c.configFloats("image_cnn_thresholds"), refractory);
        CrossModalBatch data = CrossModalBatch.ofArrays(batch, l, c.input("mfcc").floats(),
                c.input("images").floats(), c.input("query").floats(), c.input("target").floats());

        Outputs out = new Outputs(batch);
        CrossModalModel.Workspace ws = model.newWorkspace();
        int e = CrossModalModelConfig.EMBEDDING;
        for (int b = 0; b < batch; b++) {
            model.forward(data, b, ws);
            out.put("output", b, model.output(ws).clone());
            out.put("mfcc_encoded", b, prefix(ws.mfccSpikes().spikes(), l * t * e));
            out.put("images_encoded", b, prefix(ws.imageSpikes().spikes(), l * t * e));
            out.put("query_encoded", b, prefix(ws.querySpikes().spikes(), t * e));
            out.put("mem", b, Layouts.memoryFromKeyMajor(ws.writing().memory(), m, m));
            out.put("write_key", b, prefix(ws.writing().keys().spikes(), l * t * m));
            out.put("write_val", b, prefix(ws.writing().values().spikes(), l * t * m));
            out.put("read_key", b, prefix(ws.reading().keys().spikes(), t * m));
            out.put("read_val", b, prefix(ws.reading().values().spikes(), t * m));
            out.put("decoder_l1", b, prefix(ws.decoderHidden().spikes(), t * CrossModalModelConfig.DECODER_HIDDEN));
            out.put("decoder_l2", b, prefix(ws.decoderOutput().spikes(), t * CrossModalModelConfig.IMAGE_PIXELS));
        }
        out.compare(c, List.of("mfcc_encoded", "images_encoded", "query_encoded", "write_key", "write_val",
                "read_key", "read_val", "decoder_l1", "decoder_l2"), List.of("output", "mem"));

        double l2 = c.config("l2");
        CrossModalObjective mse = new CrossModalObjective();
        try (BatchParallel one = new BatchParallel(1)) {
            SupervisedStep<CrossModalBatch, CrossModalModel.Workspace> step = new SupervisedStep<>(model, mse, one,
                    c.config("target_rate"));
            StepResult eval = step.evaluate(data);
            Compare.close("mse", c.loss("mse"), eval.loss(), Compare.FORWARD);
            Compare.close("l2_act_reg_loss", c.loss("l2_act_reg_loss"), eval.regLoss(), Compare.FORWARD);
            Compare.close("loss", c.loss("loss"), eval.loss() + l2 * eval.regLoss(), Compare.FORWARD);
            for (String loss : c.gradLosses()) {
                model.zeroGrad();
                double regScale = switch (loss) {
                    case "loss" -> l2;
                    case "mse" -> 0;
                    default -> throw new AssertionError("gradients of unknown loss " + loss);
                };
                StepResult r = step.train(data, 1, regScale);
                Compare.close(loss + " (training pass)", c.loss("mse"), r.loss(), Compare.FORWARD);
                Map<String, Parameter> params = model.namedParameters();
                for (Map.Entry<String, GoldenCase.Ref> g : c.grads(loss).entrySet()) {
                    Parameter p = params.get(g.getKey());
                    Compare.close("d " + loss + " / d " + g.getKey(), g.getValue().values(), p.grad(), p.size(),
                            Compare.GRADIENT);
                }
                for (String name : c.summarisedGradients(loss)) {
                    Compare.summary("d " + loss + " / d " + name, c.gradSummary(loss, name),
                            params.get(name).grad(), Compare.GRADIENT);
                }
                Set<String> covered = new HashSet<>(c.grads(loss).keySet());
                covered.addAll(c.summarisedGradients(loss));
                for (Parameter p : model.parameters()) {
                    assertEquals(p.trainable(), covered.contains(p.name()),
                            p.name() + ": a gradient is stored exactly for the trainable parameters");
                }
            }
        }
    }

    private static NeuronParams neuron(GoldenCase c) {
        return new NeuronParams((float) c.config("neuron", "thr"), c.configBool("neuron", "perfect_reset"),
                c.configInt("neuron", "refractory_time_steps"), (float) c.config("neuron", "tau_mem"),
                (float) c.config("neuron", "dampening_factor"));
    }

    /** Inline and external parameters into the model; names, shapes and trainable flags must match one to one. */
    private static void load(GoldenCase c, CrossModalModel model) throws Exception {
        Map<String, Parameter> ours = model.namedParameters();
        Set<String> names = new HashSet<>(c.parameters().keySet());
        names.addAll(c.externalNames());
        assertEquals(names, ours.keySet(), "parameter names (state-dict keys)");
        for (String name : names) {
            boolean inline = c.parameters().containsKey(name);
            GoldenCase.Ref ref = inline ? c.parameter(name) : c.external(name);
            Parameter p = ours.get(name);
            assertEquals(Arrays.toString(ref.shape()), Arrays.toString(p.shape()), name + " shape");
            if (inline) {
                assertEquals(c.parameterTrainable(name), p.trainable(), name + " trainable");
            }
            p.set(ref.floats());
        }
    }

    private static float[] prefix(float[] a, int n) {
        return Arrays.copyOf(a, n);
    }
}
