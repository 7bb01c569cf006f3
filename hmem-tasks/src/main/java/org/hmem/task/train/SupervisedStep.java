package org.hmem.task.train;

import java.util.ArrayList;
import java.util.List;

import org.hmem.engine.loss.ActivityRegularizer;
import org.hmem.engine.loss.CrossEntropy;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.parallel.BatchParallel;

/**
 * Loss, accuracy and gradients of a {@link SupervisedModel} over one batch, with samples spread over worker threads.
 *
 * <p>Without the activity regulariser's gradient every sample is forwarded and backpropagated in one go by its
 * worker. With it, the gradient of each spike depends on the batch-mean rate, so a first pass runs the forward of
 * every sample to count spikes; the second pass recomputes each forward and backpropagates. Memory therefore stays
 * at one sample's activations per worker whatever the batch size.
 *
 * @param <D> batch type
 * @param <W> workspace type
 */
public final class SupervisedStep<D, W> {

    /** Receives each sample after its backward (tests read input gradients from the workspace here). */
    @FunctionalInterface
    public interface SampleObserver<W> {
        void afterBackward(int sample, W workspace);
    }

    private final SupervisedModel<D, W> model;
    private final BatchParallel parallel;
    private final List<W> workspaces = new ArrayList<>();
    private final List<Gradients> gradients = new ArrayList<>();
    private final List<ActivityTerm> terms;
    private final double targetRate;

    public SupervisedStep(SupervisedModel<D, W> model, BatchParallel parallel, double targetRate) {
        this.model = model;
        this.parallel = parallel;
        this.terms = model.activityTerms();
        this.targetRate = targetRate;
        for (int w = 0; w < parallel.threads(); w++) {
            workspaces.add(model.newWorkspace());
            gradients.add(new Gradients(model.parameters()));
        }
    }

    /** Forward only: loss, accuracy and (unscaled) regulariser value. */
    public StepResult evaluate(D data) {
        return run(data, 0, 0, false, null);
    }

    /**
     * Forward and backward; gradients of {@code ceScale * CE + regScale * reg} are added to the parameters'
     * {@code grad}. Pass {@code regScale = 0} when the regulariser is off (epoch 0): one pass suffices then.
     */
    public StepResult train(D data, double ceScale, double regScale) {
        return run(data, ceScale, regScale, true, null);
    }

    /** As {@link #train} with a per-sample observer; single-threaded use only (observer sees worker buffers). */
    public StepResult train(D data, double ceScale, double regScale, SampleObserver<W> observer) {
        return run(data, ceScale, regScale, true, observer);
    }

    private StepResult run(D data, double ceScale, double regScale, boolean backward, SampleObserver<W> observer) {
        final int batch = model.batchSize(data);
        final int classes = model.numClasses();
        final int workers = parallel.threads();
        float[][] counts = new float[terms.size()][];
        double[][] weights = new double[terms.size()][batch];
        for (int k = 0; k < terms.size(); k++) {
            counts[k] = new float[batch * terms.get(k).neurons()];
            for (int b = 0; b < batch; b++) {
                weights[k][b] = model.activityWeight(data, b, k);
            }
        }
        boolean regGradient = backward && regScale != 0 && !terms.isEmpty();
        if (regGradient) {
            parallel.forEach(batch, (w, b) -> {
                W ws = workspaces.get(w);
                model.forward(data, b, ws);
                collectCounts(ws, b, counts);
            });
        }
        double[][] coef = new double[terms.size()][];
        double regLoss = 0;
        if (regGradient) {
            for (int k = 0; k < terms.size(); k++) {
                int n = terms.get(k).neurons();
                double[] mean = new double[n];
                regLoss += ActivityRegularizer.loss(counts[k], weights[k], batch, n, targetRate, mean);
                coef[k] = new double[n];
                ActivityRegularizer.coefficients(mean, batch, n, targetRate, regScale, coef[k]);
            }
        }
        double[] lossPerWorker = new double[workers];
        int[] correctPerWorker = new int[workers];
        float[][] gLogits = new float[workers][classes];
        float[][][] activityGrad = new float[workers][][];
        if (backward) {
            for (Gradients g : gradients) {
                g.zero();
            }
        }
        parallel.forEach(batch, (w, b) -> {
            W ws = workspaces.get(w);
            model.forward(data, b, ws);
            if (!regGradient) {
                collectCounts(ws, b, counts);
            }
            float[] logits = model.logits(ws);
            int target = model.target(data, b);
            lossPerWorker[w] += CrossEntropy.lossAndGradient(logits, 0, classes, target, (float) (ceScale / batch),
                    gLogits[w], 0);
            if (CrossEntropy.argmax(logits, 0, classes) == target) {
                correctPerWorker[w]++;
            }
            if (backward) {
                float[][] ag = null;
                if (regGradient) {
                    ag = activityGrad[w] != null ? activityGrad[w] : allocate(w, activityGrad);
                    for (int k = 0; k < terms.size(); k++) {
                        double wb = weights[k][b];
                        for (int i = 0; i < coef[k].length; i++) {
                            ag[k][i] = (float) (coef[k][i] / wb);
                        }
                    }
                }
                model.backward(data, b, ws, gLogits[w], ag, gradients.get(w));
                if (observer != null) {
                    observer.afterBackward(b, ws);
                }
            }
        });
        if (backward) {
            for (Gradients g : gradients) {
                g.addTo();
            }
        }
        if (!regGradient) {
            for (int k = 0; k < terms.size(); k++) {
                regLoss += ActivityRegularizer.loss(counts[k], weights[k], batch, terms.get(k).neurons(), targetRate,
                        new double[terms.get(k).neurons()]);
            }
        }
        double loss = 0;
        int correct = 0;
        for (int w = 0; w < workers; w++) {
            loss += lossPerWorker[w];
            correct += correctPerWorker[w];
        }
        return new StepResult(loss / batch, regLoss, correct, batch);
    }

    private float[][] allocate(int w, float[][][] activityGrad) {
        float[][] ag = new float[terms.size()][];
        for (int k = 0; k < terms.size(); k++) {
            ag[k] = new float[terms.get(k).neurons()];
        }
        activityGrad[w] = ag;
        return ag;
    }

    private void collectCounts(W ws, int b, float[][] counts) {
        for (int k = 0; k < terms.size(); k++) {
            model.spikeCounts(ws, k, counts[k], b * terms.get(k).neurons());
        }
    }

    public SupervisedModel<D, W> model() {
        return model;
    }

    /** True for models without spiking populations (no activity regulariser). */
    public boolean isNonSpiking() {
        return terms.isEmpty();
    }

    /** Parameters of the model (for the optimiser). */
    public List<Parameter> parameters() {
        return model.parameters();
    }
}
