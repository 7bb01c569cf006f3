package org.hmem.task.train;

import java.util.ArrayList;
import java.util.List;

import org.hmem.engine.neuron.SpikeTrain;
import org.hmem.engine.nn.Gradients;
import org.hmem.engine.nn.Parameter;
import org.hmem.engine.parallel.BatchParallel;
import org.hmem.engine.tensor.FloatOps;

/**
 * Loss, metrics and gradients of a {@link SupervisedModel} under an {@link Objective} over one batch, with samples
 * spread over worker threads.
 *
 * <p>Without the activity regulariser's gradient every sample is forwarded and backpropagated in one go by its
 * worker. With it, the gradient of each spike depends on the batch-mean rate, so a first pass runs the forward of
 * every sample to count spikes; the second pass recomputes each forward, adds the regulariser's gradient to the
 * terms' spike trains and backpropagates. Memory therefore stays at one sample's activations per worker whatever the
 * batch size.
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
    private final Objective<D> objective;
    private final BatchParallel parallel;
    private final List<W> workspaces = new ArrayList<>();
    private final List<Gradients> gradients = new ArrayList<>();
    private final List<ActivityTerm<D, W>> terms;
    private final int[] neurons;
    private final double targetRate;

    public SupervisedStep(SupervisedModel<D, W> model, Objective<D> objective, BatchParallel parallel,
                          double targetRate) {
        this.model = model;
        this.objective = objective;
        this.parallel = parallel;
        this.terms = model.activityTerms();
        this.neurons = terms.stream().mapToInt(ActivityTerm::neurons).toArray();
        this.targetRate = targetRate;
        for (int w = 0; w < parallel.threads(); w++) {
            workspaces.add(model.newWorkspace());
            gradients.add(new Gradients(model.parameters()));
        }
    }

    /** Forward only: loss, metrics and (unscaled) regulariser value. */
    public StepResult evaluate(D data) {
        return run(data, 0, 0, false, null);
    }

    /**
     * Forward and backward; gradients of {@code lossScale * loss + regScale * reg} are added to the parameters'
     * {@code grad}. Pass {@code regScale = 0} when the regulariser is off (e.g. epoch 0): one pass suffices then.
     */
    public StepResult train(D data, double lossScale, double regScale) {
        return run(data, lossScale, regScale, true, null);
    }

    /** As {@link #train} with a per-sample observer; single-threaded use only (observer sees worker buffers). */
    public StepResult train(D data, double lossScale, double regScale, SampleObserver<W> observer) {
        return run(data, lossScale, regScale, true, observer);
    }

    private StepResult run(D data, double lossScale, double regScale, boolean backward, SampleObserver<W> observer) {
        int batch = model.batchSize(data);
        model.forwardBatch(data, backward, parallel);
        BatchPass.Shards whole = new BatchPass.Shards() {
            @Override
            public List<RateCounts> count() {
                return List.of(countSpikes(data, 0, batch));
            }

            @Override
            public List<SampleTotals> run(double[][] coef, boolean backward) {
                SampleTotals t = samples(data, 0, batch, batch, lossScale, coef, backward, observer);
                if (backward) {
                    model.backwardBatch(data, gradients.get(0), parallel);
                    for (Gradients g : gradients) {
                        g.addTo();
                    }
                }
                return List.of(t);
            }
        };
        return BatchPass.run(whole, batch, neurons, objective.metrics().size(), targetRate, regScale, backward);
    }

    /** Forward of samples [from, to) of {@code data}: their spike counts and rate normalisers. */
    public RateCounts countSpikes(D data, int from, int to) {
        RateCounts counts = newCounts(data, from, to);
        parallel.forEach(to - from, (w, i) -> {
            W ws = workspaces.get(w);
            model.forward(data, from + i, ws);
            collectCounts(ws, i, counts.counts());
        });
        return counts;
    }

    /**
     * Forward, and with {@code backward} backward, of samples [from, to) of a batch of {@code batch} samples. The
     * gradient of {@code lossScale} times the batch-mean loss, plus the regulariser's through {@code coef} (null:
     * none; the counts are returned instead), is left in the workers' buffers, {@link #workerGradients()}, zeroed
     * first; batch-level passes ({@link SupervisedModel#forwardBatch}) are the caller's.
     */
    public SampleTotals samples(D data, int from, int to, int batch, double lossScale, double[][] coef,
                                boolean backward, SampleObserver<W> observer) {
        final int workers = parallel.threads();
        final int nMetrics = objective.metrics().size();
        RateCounts counts = coef == null ? newCounts(data, from, to) : null;
        double[][] weights = coef == null ? null : normalisers(data, from, to);
        double[] lossPerWorker = new double[workers];
        double[][] metricsPerWorker = new double[workers][nMetrics];
        float[][] gOutput = new float[workers][model.outputSize()];
        float[][][] termRows = new float[workers][][];
        if (backward) {
            for (Gradients g : gradients) {
                g.zero();
            }
        }
        float gradScale = (float) (lossScale / batch);
        parallel.forEach(to - from, (w, i) -> {
            int b = from + i;
            W ws = workspaces.get(w);
            model.forward(data, b, ws);
            if (counts != null) {
                collectCounts(ws, i, counts.counts());
            }
            lossPerWorker[w] += objective.sample(data, b, model.output(ws), gradScale, backward ? gOutput[w] : null,
                    metricsPerWorker[w]);
            if (backward) {
                if (coef != null) {
                    addActivityGradient(ws, i, weights, coef, rows(w, termRows));
                }
                model.backward(data, b, ws, gOutput[w], gradients.get(w));
                if (observer != null) {
                    observer.afterBackward(b, ws);
                }
            }
        });
        double loss = 0;
        double[] metricSums = new double[nMetrics];
        for (int w = 0; w < workers; w++) {
            loss += lossPerWorker[w];
            for (int m = 0; m < nMetrics; m++) {
                metricSums[m] += metricsPerWorker[w][m];
            }
        }
        return new SampleTotals(loss, metricSums, counts);
    }

    /** The workers' gradient buffers after a backward {@link #samples} pass, in worker order. */
    public List<Gradients> workerGradients() {
        return gradients;
    }

    private RateCounts newCounts(D data, int from, int to) {
        float[][] counts = new float[terms.size()][];
        for (int k = 0; k < terms.size(); k++) {
            counts[k] = new float[(to - from) * terms.get(k).neurons()];
        }
        return new RateCounts(counts, normalisers(data, from, to));
    }

    private double[][] normalisers(D data, int from, int to) {
        double[][] weights = new double[terms.size()][to - from];
        for (int k = 0; k < terms.size(); k++) {
            for (int b = from; b < to; b++) {
                weights[k][b - from] = terms.get(k).normaliser().of(data, b);
            }
        }
        return weights;
    }

    /**
     * The regulariser's gradient of every spike of the sample at row {@code b} of {@code weights}, {@code coef[n] / w_b}
     * at every step, added to each term's spike train before the model's backward.
     */
    private void addActivityGradient(W ws, int b, double[][] weights, double[][] coef, float[][] rows) {
        for (int k = 0; k < terms.size(); k++) {
            double wb = weights[k][b];
            float[] row = rows[k];
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (coef[k][i] / wb);
            }
            SpikeTrain spikes = terms.get(k).spikes().apply(ws);
            float[] g = spikes.gradient();
            int n = row.length;
            for (int t = 0; t < spikes.steps(); t++) {
                FloatOps.axpy(n, 1f, row, 0, g, t * n);
            }
        }
    }

    private float[][] rows(int w, float[][][] termRows) {
        if (termRows[w] == null) {
            termRows[w] = new float[terms.size()][];
            for (int k = 0; k < terms.size(); k++) {
                termRows[w][k] = new float[terms.get(k).neurons()];
            }
        }
        return termRows[w];
    }

    private void collectCounts(W ws, int b, float[][] counts) {
        for (int k = 0; k < terms.size(); k++) {
            SpikeTrain s = terms.get(k).spikes().apply(ws);
            FloatOps.sumRows(s.spikes(), s.steps(), s.size(), counts[k], b * s.size());
        }
    }

    public SupervisedModel<D, W> model() {
        return model;
    }

    public Objective<D> objective() {
        return objective;
    }

    /** The activity regulariser's target rate. */
    public double targetRate() {
        return targetRate;
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
