package org.hmem.task.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hmem.engine.golden.Compare;
import org.hmem.engine.golden.CoreGoldenChecks.Outputs;
import org.hmem.engine.golden.GoldenCase;
import org.hmem.engine.golden.GoldenCheck;
import org.hmem.engine.golden.Layouts;
import org.hmem.engine.nn.Module;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.optim.Adam;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.task.associations.AssociationsBatch;
import org.hmem.task.associations.AssociationsModelConfig;
import org.hmem.task.associations.AssociationsModelRelu;
import org.hmem.task.associations.AssociationsModel;
import org.hmem.engine.nn.SpikeCountReadout;
import org.hmem.task.model.HebbianParams;
import org.hmem.task.model.NeuronParams;
import org.hmem.task.train.CrossEntropyObjective;
import org.hmem.task.train.StepResult;
import org.hmem.task.train.SupervisedModel;
import org.hmem.task.train.SupervisedStep;

/** Golden checks of whole task models: forward outputs, losses, gradients of every loss, one Adam step. */
final class ModelGoldenChecks {

    private ModelGoldenChecks() {
    }

    static Map<String, GoldenCheck> all() {
        Map<String, GoldenCheck> m = new LinkedHashMap<>();
        m.put("model_memorizing_associations", ModelGoldenChecks::spikingAssociations);
        m.put("model_memorizing_associations_relu", ModelGoldenChecks::reluAssociations);
        m.put("model_question_answering", BabiGolden::check);
        return m;
    }

    static AssociationsModelConfig associationsConfig(GoldenCase c, boolean spiking) {
        return new AssociationsModelConfig(c.configInt("feature_size"), c.configInt("num_classes"),
                c.configInt("embedding_size"), c.configInt("memory_size"),
                spiking ? c.configInt("num_time_steps") : 0, spiking ? c.configInt("readout_delay") : 1,
                spiking ? hebbian(c) : new HebbianParams((float) c.config("w_max"), (float) c.config("gamma_pos"),
                        (float) c.config("gamma_neg"), 20f), spiking ? neuron(c) : NeuronParams.defaults());
    }

    static HebbianParams hebbian(GoldenCase c) {
        return new HebbianParams((float) c.config("w_max"), (float) c.config("gamma_pos"),
                (float) c.config("gamma_neg"), (float) c.config("tau_trace"));
    }

    static NeuronParams neuron(GoldenCase c) {
        return new NeuronParams((float) c.config("thr"), c.configBool("perfect_reset"),
                c.configInt("refractory_time_steps"), (float) c.config("tau_mem"), (float) c.config("dampening_factor"));
    }

    static AssociationsBatch associationsBatch(GoldenCase c) {
        int batch = c.configInt("batch_size"), l = c.configInt("sequence_length"), f = c.configInt("feature_size");
        return new AssociationsBatch(batch, l, f, c.input("features").floats(), c.input("labels").ints(),
                c.input("query").floats(), c.input("answer").ints());
    }

    /** Copies every stored parameter into the model, checking names, sizes and trainable flags match one to one. */
    static void loadParameters(GoldenCase c, Module model) {
        Map<String, Parameter> ours = model.namedParameters();
        assertEquals(c.parameters().keySet(), ours.keySet(), "parameter names (state-dict keys)");
        for (Map.Entry<String, GoldenCase.Ref> e : c.parameters().entrySet()) {
            Parameter p = ours.get(e.getKey());
            assertEquals(Arrays.toString(e.getValue().shape()), Arrays.toString(p.shape()), e.getKey() + " shape");
            assertEquals(c.parameterTrainable(e.getKey()), p.trainable(), e.getKey() + " trainable");
            p.set(e.getValue().floats());
        }
    }

    private static void spikingAssociations(GoldenCase c) {
        assertEquals(SpikeCountReadout.CLASSIFIER_WINDOW, c.configInt("readout_window"));
        AssociationsModel model = new AssociationsModel(associationsConfig(c, true), 0);
        loadParameters(c, model);
        AssociationsBatch batch = associationsBatch(c);
        int e = c.configInt("embedding_size"), m = c.configInt("memory_size");
        Outputs out = new Outputs(batch.batch());
        AssociationsModel.Workspace ws = model.newWorkspace();
        for (int b = 0; b < batch.batch(); b++) {
            model.forward(batch, b, ws);
            out.put("logits", b, model.output(ws).clone());
            out.put("features_encoded", b, prefix(ws.featuresEncoding().spikes(), ws.featuresEncoding().steps() * e));
            out.put("labels_encoded", b, prefix(ws.labelsEncoding().spikes(), ws.labelsEncoding().steps() * e));
            out.put("query_encoded", b, prefix(ws.queryEncoding().spikes(), ws.queryEncoding().steps() * e));
            out.put("mem", b, Layouts.memoryFromKeyMajor(ws.writing().memory(), m, m));
            out.put("write_key", b, prefix(ws.writing().keys().spikes(), ws.writing().steps() * m));
            out.put("write_val", b, prefix(ws.writing().values().spikes(), ws.writing().steps() * m));
            out.put("read_key", b, prefix(ws.reading().keys().spikes(), ws.reading().steps() * m));
            out.put("read_val", b, prefix(ws.reading().values().spikes(), ws.reading().steps() * m));
        }
        out.compare(c, List.of("features_encoded", "labels_encoded", "query_encoded", "write_key", "write_val",
                "read_key", "read_val"), List.of("logits", "mem"));
        double l2 = c.config("l2");
        checkLossesGradientsAndAdam(c, model, batch, (d, b) -> d.answer()[b], l2, true, (b, w) -> new float[][] {
                w.featuresGradient().clone(), w.queryGradient().clone()});
    }

    private static void reluAssociations(GoldenCase c) {
        AssociationsModelRelu model = new AssociationsModelRelu(associationsConfig(c, false));
        loadParameters(c, model);
        AssociationsBatch batch = associationsBatch(c);
        int l = c.configInt("sequence_length"), e = c.configInt("embedding_size"), m = c.configInt("memory_size");
        Outputs out = new Outputs(batch.batch());
        AssociationsModelRelu.Workspace ws = model.newWorkspace();
        for (int b = 0; b < batch.batch(); b++) {
            model.forward(batch, b, ws);
            out.put("logits", b, model.output(ws).clone());
            out.put("features_encoded", b, prefix(ws.featuresEncoded(), l * e));
            out.put("labels_encoded", b, prefix(ws.labelsEncoded(), l * e));
            out.put("query_encoded", b, prefix(ws.queryEncoded(), e));
            out.put("mem", b, Layouts.memoryFromKeyMajor(ws.writing().memory(), m, m));
            float[] act = ws.writing().activations();
            float[] keys = new float[l * m], values = new float[l * m];
            for (int s = 0; s < l; s++) {
                System.arraycopy(act, s * 2 * m, keys, s * m, m);
                System.arraycopy(act, s * 2 * m + m, values, s * m, m);
            }
            out.put("write_key", b, keys);
            out.put("write_val", b, values);
            out.put("read_key", b, prefix(ws.reading().keys(), m));
            out.put("read_val", b, prefix(ws.reading().values(), m));
        }
        out.compare(c, List.of(), List.of("logits", "features_encoded", "labels_encoded", "query_encoded", "mem",
                "write_key", "write_val", "read_key", "read_val"));
        checkLossesGradientsAndAdam(c, model, batch, (d, b) -> d.answer()[b], 0, false, (b, w) -> new float[][] {
                w.featuresGradient().clone(), w.queryGradient().clone()});
    }

    /** Extracts per-sample input gradients {features, query} from a workspace after backward. */
    @FunctionalInterface
    interface InputGradients<W> {
        float[][] of(int sample, W ws);
    }

    /**
     * Checks the losses, the gradients of every stored loss w.r.t. parameters (and the inputs features/query when
     * stored), and one Adam step on the gradients the file names.
     */
    static <D, W> void checkLossesGradientsAndAdam(GoldenCase c, SupervisedModel<D, W> model, D batch,
                                                   CrossEntropyObjective.Target<D> target, double l2,
                                                   boolean spiking, InputGradients<W> inputGrads) {
        try (BatchParallel one = new BatchParallel(1)) {
            CrossEntropyObjective<D> objective = new CrossEntropyObjective<>(model.outputSize(), target);
            SupervisedStep<D, W> step = new SupervisedStep<>(model, objective, one,
                    spiking ? c.config("target_rate") : 0);
            StepResult eval = step.evaluate(batch);
            if (spiking) {
                Compare.close("ce", c.loss("ce"), eval.loss(), Compare.FORWARD);
                Compare.close("l2_act_reg_loss", c.loss("l2_act_reg_loss"), eval.regLoss(), Compare.FORWARD);
                Compare.close("act_reg_loss", c.loss("act_reg_loss"), l2 * eval.regLoss(), Compare.FORWARD);
                Compare.close("loss_epoch0", c.loss("loss_epoch0"), eval.loss(), Compare.FORWARD);
                Compare.close("loss_epoch_gt0", c.loss("loss_epoch_gt0"), eval.loss() + l2 * eval.regLoss(),
                        Compare.FORWARD);
            } else {
                Compare.close("loss", c.loss("loss"), eval.loss(), Compare.FORWARD);
            }
            Map<String, float[]> gradsForAdam = null;
            String adamLoss = c.optimizer().get("applied_to_grads_of").getAsString().split(" ")[0];
            for (String loss : c.gradLosses()) {
                double ceScale = loss.equals("l2_act_reg_loss") ? 0 : 1;
                double regScale = switch (loss) {
                    case "loss_epoch_gt0" -> l2;
                    case "l2_act_reg_loss" -> 1;
                    default -> 0;
                };
                model.zeroGrad();
                int batchSize = model.batchSize(batch);
                float[][][] inputs = new float[batchSize][][];
                StepResult r = step.train(batch, ceScale, regScale, (b, w) -> inputs[b] = inputGrads.of(b, w));
                if (loss.equals("loss_epoch_gt0")) {
                    Compare.close("loss_epoch_gt0 (training pass)", c.loss(loss), r.loss() + l2 * r.regLoss(),
                            Compare.FORWARD);
                }
                Map<String, GoldenCase.Ref> expected = c.grads(loss);
                Map<String, Parameter> params = model.namedParameters();
                for (Map.Entry<String, GoldenCase.Ref> e : expected.entrySet()) {
                    String name = e.getKey();
                    float[] actual;
                    if (params.containsKey(name)) {
                        actual = params.get(name).grad();
                    } else {
                        int which = switch (name) {
                            case "features" -> 0;
                            case "query" -> 1;
                            default -> throw new AssertionError("gradient of unknown tensor " + name);
                        };
                        actual = concat(inputs, which);
                    }
                    Compare.close("d " + loss + " / d " + name, e.getValue().values(), actual, e.getValue().size(),
                            Compare.GRADIENT);
                }
                for (Parameter p : model.parameters()) {
                    if (!p.trainable()) {
                        assertEquals(0f, maxAbs(p.grad()), p.name() + " is frozen and must get no gradient");
                    }
                }
                if (loss.equals(adamLoss)) {
                    gradsForAdam = new LinkedHashMap<>();
                    for (Parameter p : model.parameters()) {
                        gradsForAdam.put(p.name(), p.grad().clone());
                    }
                }
            }
            assertNotNull(gradsForAdam, "no gradients for the loss the optimizer step uses: " + adamLoss);
            model.zeroGrad();
            for (Parameter p : model.parameters()) {
                System.arraycopy(gradsForAdam.get(p.name()), 0, p.grad(), 0, p.size());
            }
            Adam adam = new Adam(model.parameters(), c.optimizer().get("lr").getAsDouble());
            adam.step();
            for (Map.Entry<String, GoldenCase.Ref> e : c.paramsAfterStep().entrySet()) {
                Parameter p = model.namedParameters().get(e.getKey());
                Compare.close("Adam step: " + e.getKey(), e.getValue().values(), p.data(), p.size(),
                        Compare.FORWARD);
            }
        }
    }

    private static float[] concat(float[][][] perSample, int which) {
        int per = perSample[0][which].length;
        float[] all = new float[perSample.length * per];
        for (int b = 0; b < perSample.length; b++) {
            System.arraycopy(perSample[b][which], 0, all, b * per, per);
        }
        return all;
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static float[] prefix(float[] a, int n) {
        return Arrays.copyOf(a, n);
    }
}
